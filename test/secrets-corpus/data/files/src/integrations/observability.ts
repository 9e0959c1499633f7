export const newRelic = {
  accountId: 3141592,
  userApiKey: 'NRAK-ESV21GTO98X21C3VUGI1ITGDWE7',
};

export const dynatrace = {
  url: 'https://abc12345.live.dynatrace.com',
  apiToken: 'dt0c01.IVH4CFAG9T0MW78B88ZZI804.MMB7DPDT6FIW8O2288OPKIZF5S9PKNMCWC96J60RHYZF4Y1Y9NNNAC2ENNAK1C7O',
};

export const datadog = {
  site: 'datadoghq.eu',
  apiKey: process.env.DD_API_KEY,
  datadogAppKey: 'e4dce12fcd735c5f5a079b3f4894b33b337364e7',
};

export const traceIdExample = '961ff40313728bc8a2f14b2f8a581542';
