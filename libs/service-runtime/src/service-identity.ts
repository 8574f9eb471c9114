/** Which service of which province this is (a ServiceIdentity), for any provider that needs its province. */
export const SERVICE_IDENTITY = Symbol('ServiceIdentity');
