import { CARD_SCRIPTS, CardScript, isProvinceCode, ProvinceCode } from '@idcard/contracts';
import { Environment, ServiceConfig, SettingsReader } from '@idcard/service-runtime';
import { DEFAULT_SCRIPT_CENTRES } from './domain/script-routing';

/**
 * The production centre's settings of its own, every one with its default applied. The settings every service
 * reads (PROVINCE_CODE, DATABASE_URL, KAFKA_BROKERS, HTTP_PORT, HTTP_HOST, LOG_LEVELS) are in libs/service-runtime.
 */
export interface ProductionCenterSettings {
  /** PRINTABLE_SCRIPTS (comma-separated, default none): second scripts this centre prints; a card needing another goes to that script's centre. */
  printableScripts: CardScript[];
  /** SCRIPT_CENTRES (script:province pairs, e.g. uyghur:65,tibetan:54) over DEFAULT_SCRIPT_CENTRES: the centre that prints each script. */
  scriptCentres: Record<CardScript, ProvinceCode>;
  /** SHIPMENT_SIZE_LIMIT (default 50): cards at which a shipment is full and leaves. */
  shipmentSizeLimit: number;
  /** SHIPMENT_MAX_WAIT_MS (default 4 h): longest the oldest card of a shipment waits before it leaves anyway. */
  shipmentMaxWaitMs: number;
  /** PRODUCTION_INTERVAL_MS (default 1000): real-time pace of the production line and the dispatcher; 0 = no timer, run over HTTP. */
  productionIntervalMs: number;
  /** CARDS_PER_RUN (default 100): most cards one run of the line makes. */
  cardsPerRun: number;
}

/** The Nest token of the ProductionCenterSettings (src/settings.module.ts provides it). */
export const PRODUCTION_CENTER_SETTINGS = Symbol('ProductionCenterSettings');

function scriptIn(value: string, what: string, read: SettingsReader): CardScript | null {
  if ((CARD_SCRIPTS as readonly string[]).includes(value)) return value as CardScript;
  read.problem(`${what}: ${JSON.stringify(value)} is not a card script (${CARD_SCRIPTS.join(', ')})`);
  return null;
}

/** Reads every variable of the centre's own through the reader; bad values are recorded there (and defaults kept), never thrown. */
export function readProductionCenterSettings(read: SettingsReader): ProductionCenterSettings {
  const printableScripts: CardScript[] = [];
  for (const item of read.list('PRINTABLE_SCRIPTS')) {
    const script = scriptIn(item, 'PRINTABLE_SCRIPTS', read);
    if (script && !printableScripts.includes(script)) printableScripts.push(script);
  }
  const scriptCentres: Record<CardScript, ProvinceCode> = { ...DEFAULT_SCRIPT_CENTRES };
  for (const pair of read.list('SCRIPT_CENTRES')) {
    const [name, centre, extra] = pair.split(':').map((s) => s.trim());
    if (!name || !centre || extra !== undefined) {
      read.problem(`SCRIPT_CENTRES: ${JSON.stringify(pair)} is not script:province (e.g. uyghur:65)`);
      continue;
    }
    const script = scriptIn(name, 'SCRIPT_CENTRES', read);
    if (!isProvinceCode(centre)) read.problem(`SCRIPT_CENTRES: the ${name} centre ${JSON.stringify(centre)} is not a province code`);
    else if (script) scriptCentres[script] = centre;
  }
  return {
    printableScripts,
    scriptCentres,
    shipmentSizeLimit: read.integer('SHIPMENT_SIZE_LIMIT', 50, { min: 1 }),
    shipmentMaxWaitMs: read.integer('SHIPMENT_MAX_WAIT_MS', 4 * 60 * 60 * 1000, { min: 1 }),
    productionIntervalMs: read.integer('PRODUCTION_INTERVAL_MS', 1000, { min: 0 }),
    cardsPerRun: read.integer('CARDS_PER_RUN', 100, { min: 1 }),
  };
}

/** The centre's own settings from an environment (or a record in its form), or one SettingsError naming every bad one. */
export function productionCenterSettingsFrom(env: Environment): ProductionCenterSettings {
  const read = new SettingsReader(env);
  const settings = readProductionCenterSettings(read);
  read.check('production-center');
  return settings;
}

/** How one province's production centre is deployed. */
export type ProductionCenterConfig = ServiceConfig & ProductionCenterSettings;
