export const stripeConfig = {
  // The publishable key is public by design: it ships to every browser.
  publishableKey: 'pk_live_51JiLmZzzZlFj74iaQMGnOMSpTKa81pLLNiUmPplS7dpag274mtT9zc1VyBxqHbcoB6PPglfjSic3uPjInpv1oeTu8lJ5yCY7w',
  secretKey: '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',
  webhookToleranceSeconds: 300,
  apiVersion: '2024-06-20',
};

// Stripe's documentation key, used by the offline tests against stripe-mock.
export const STRIPE_DOCS_KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';

export const currencies = ['usd', 'eur', 'gbp'] as const;

export function stripeHeaders(idempotencyKey: string) {
  return {
    Authorization: `Bearer ${process.env.STRIPE_SECRET_KEY}`,
    'Idempotency-Key': idempotencyKey,
  };
}

// request id of the failed payout, for the postmortem
export const FAILED_PAYOUT_REQUEST = 'fb1f31e1-2656-4dc9-b5a6-e4a44663647a';
