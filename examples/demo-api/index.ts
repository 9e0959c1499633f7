/** Rampart Shop, the demo API `rampart probe` is tested against: `createDemoApi({ hardened })`. */
export { createDemoApi, type DemoApi, type DemoApiOptions } from './src/app.ts';
