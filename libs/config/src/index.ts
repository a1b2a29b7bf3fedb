export { ConfigError, loadConfig } from './lib/config';
export type { PlumblineConfig } from './lib/config';
