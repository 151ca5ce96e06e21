import { type Config, ConfigError, loadConfig } from '../config/config.ts';

/** sysexits' EX_CONFIG: the configuration is wrong. */
export const EXIT_CONFIG = 78;

/** The config, or null after saying what is wrong with it and setting the exit status. */
export const configOrExit = (env: NodeJS.ProcessEnv = process.env): Config | null => {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gongkai: ${error.message}\n`);
    process.exitCode = EXIT_CONFIG;
    return null;
  }
};

/** Where the served site answers, for the messages that tell the operator. */
export const siteUrl = (config: Config): string => {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
};
