import { readServiceEnv, ServiceEnv } from '@idcard/service-runtime';

/** The registry office's settings, from the environment of its process: the common ones, nothing of its own yet. */
export type RegistryEnv = ServiceEnv;

/** Reads the settings, or throws naming every missing or bad one. */
export function readRegistryEnv(env: Record<string, string | undefined>): RegistryEnv {
  const problems: string[] = [];
  const settings = readServiceEnv(env, problems);
  if (problems.length) throw new Error(`registry-office cannot start: ${problems.join('; ')}`);
  return settings;
}
