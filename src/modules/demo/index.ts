/** Demo and benchmark data: an invented, clearly labelled directory, the accounts to explore it and a demo chat. */
export { generateDemoDirectory, DEFAULT_DEMO_SEED, type DemoDirectory, type DemoOptions } from './demo-directory.js';
export { generateScaleDirectory, type ScaleOptions } from './scale-directory.js';
export { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.js';
export type { DemoChatOutcome } from './demo-chat.js';
export { seedDemo, type SeedDeps, type SeedOptions, type SeedOutcome } from './seed-demo.js';
export { createRandom, type Random } from './random.js';
