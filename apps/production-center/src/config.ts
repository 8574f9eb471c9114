import { CARD_SCRIPTS, CardScript, isProvinceCode } from '@idcard/contracts';
import type { ServiceConfig } from '@idcard/service-runtime';
import { DEFAULT_SCRIPT_CENTRES } from './domain/script-routing';
import type { ShipmentRules } from './domain/shipment';

/** How one province's production centre is deployed. */
export type ProductionCenterConfig = ServiceConfig & {
  /** Second scripts this centre's printers can print; cards needing another go to that script's centre. */
  printableScripts: CardScript[];
  /** Province code of the centre that prints a script, over DEFAULT_SCRIPT_CENTRES. */
  scriptCentres?: Partial<Record<CardScript, string>>;
  /** Cards at which a shipment is full and leaves (default 50). */
  shipmentSizeLimit?: number;
  /** Longest the oldest card of a shipment waits before it leaves anyway (default 4 h). */
  shipmentMaxWaitMs?: number;
  /** Real-time pace of the production line and the dispatcher (default 1000 ms; 0 = no timer, run over HTTP). */
  productionIntervalMs?: number;
  /** Most cards one run of the line makes (default 100). */
  cardsPerRun?: number;
};

/** The settings the centre runs with, defaults applied and checked. */
export interface ProductionSettings {
  province: string;
  printableScripts: CardScript[];
  scriptCentres: Partial<Record<CardScript, string>>;
  shipmentRules: ShipmentRules;
  productionIntervalMs: number;
  cardsPerRun: number;
}

export const PRODUCTION_SETTINGS = Symbol('ProductionSettings');

export const DEFAULTS = {
  shipmentSizeLimit: 50,
  shipmentMaxWaitMs: 4 * 60 * 60 * 1000,
  productionIntervalMs: 1000,
  cardsPerRun: 100,
} as const;

function positiveInteger(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < (allowZero ? 0 : 1)) throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, not ${value}`);
  return v;
}

function checkScript(name: string, script: string): CardScript {
  if (!(CARD_SCRIPTS as readonly string[]).includes(script)) throw new Error(`${name}: ${JSON.stringify(script)} is not a card script (${CARD_SCRIPTS.join(', ')})`);
  return script as CardScript;
}

export function productionSettings(config: ProductionCenterConfig): ProductionSettings {
  const province = config.identity.province;
  if (!isProvinceCode(province)) throw new Error(`province ${JSON.stringify(province)} is not one of the 31 province codes`);
  const printableScripts = config.printableScripts.map((s) => checkScript('printableScripts', s));
  const scriptCentres: Partial<Record<CardScript, string>> = { ...DEFAULT_SCRIPT_CENTRES };
  for (const [script, centre] of Object.entries(config.scriptCentres ?? {})) {
    checkScript('scriptCentres', script);
    if (!isProvinceCode(centre)) throw new Error(`scriptCentres: ${script} centre ${JSON.stringify(centre)} is not a province code`);
    scriptCentres[script as CardScript] = centre;
  }
  return {
    province,
    printableScripts,
    scriptCentres,
    shipmentRules: {
      sizeLimit: positiveInteger('shipmentSizeLimit', config.shipmentSizeLimit, DEFAULTS.shipmentSizeLimit),
      maxWaitMs: positiveInteger('shipmentMaxWaitMs', config.shipmentMaxWaitMs, DEFAULTS.shipmentMaxWaitMs),
    },
    productionIntervalMs: positiveInteger('productionIntervalMs', config.productionIntervalMs, DEFAULTS.productionIntervalMs, true),
    cardsPerRun: positiveInteger('cardsPerRun', config.cardsPerRun, DEFAULTS.cardsPerRun),
  };
}

/** The production-specific settings from the environment (PRINTABLE_SCRIPTS, SCRIPT_CENTRES, …). */
export function productionOptionsFromEnv(
  env: Record<string, string | undefined>,
): Pick<ProductionCenterConfig, 'printableScripts' | 'scriptCentres' | 'shipmentSizeLimit' | 'shipmentMaxWaitMs' | 'productionIntervalMs' | 'cardsPerRun'> {
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const integer = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  const scriptCentres: Partial<Record<CardScript, string>> = {};
  for (const pair of list(env.SCRIPT_CENTRES)) {
    const [script, centre, extra] = pair.split(':').map((s) => s.trim());
    if (!script || !centre || extra !== undefined) throw new Error(`SCRIPT_CENTRES: ${JSON.stringify(pair)} is not script:province (e.g. uyghur:65)`);
    scriptCentres[checkScript('SCRIPT_CENTRES', script)] = centre;
  }
  return {
    printableScripts: list(env.PRINTABLE_SCRIPTS).map((s) => checkScript('PRINTABLE_SCRIPTS', s)),
    scriptCentres,
    shipmentSizeLimit: integer('SHIPMENT_SIZE_LIMIT'),
    shipmentMaxWaitMs: integer('SHIPMENT_MAX_WAIT_MS'),
    productionIntervalMs: integer('PRODUCTION_INTERVAL_MS'),
    cardsPerRun: integer('CARDS_PER_RUN'),
  };
}
