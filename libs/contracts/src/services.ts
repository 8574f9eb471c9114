/** The three services every province runs; messages name their sender by province and service. */
export const SERVICE_NAMES = ['receiving-office', 'registry-office', 'production-center'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(value: unknown): value is ServiceName {
  return typeof value === 'string' && (SERVICE_NAMES as readonly string[]).includes(value);
}
