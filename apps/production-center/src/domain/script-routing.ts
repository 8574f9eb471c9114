import type { CardScript, ProvinceCode } from '@idcard/contracts';

/** The centre that prints each second script when the deployment names none (the autonomous regions' own). */
export const DEFAULT_SCRIPT_CENTRES: Record<CardScript, ProvinceCode> = {
  mongolian: '15',
  tibetan: '54',
  uyghur: '65',
  kazakh: '65',
  yi: '51',
  zhuang: '45',
  korean: '22',
};

export interface ScriptCapability {
  /** This centre's province. */
  province: string;
  printableScripts: readonly CardScript[];
  scriptCentres: Partial<Record<CardScript, string>>;
}

export interface OrderToRoute {
  cardScript?: CardScript | null;
  forwardedFrom?: string | null;
}

export type Routing = { action: 'produce' } | { action: 'forward'; to: string } | { action: 'refuse'; reason: string };

/** Make the card here, pass it to the centre that prints its script, or refuse it — never loop between centres. */
export function routeOrder(order: OrderToRoute, here: ScriptCapability): Routing {
  const script = order.cardScript ?? null;
  if (script === null || here.printableScripts.includes(script)) return { action: 'produce' };
  if (order.forwardedFrom) {
    return {
      action: 'refuse',
      reason: `production centre ${here.province} cannot print ${script} either; the order was already forwarded by centre ${order.forwardedFrom}`,
    };
  }
  const centre = here.scriptCentres[script];
  if (!centre) return { action: 'refuse', reason: `production centre ${here.province} cannot print ${script} and knows no centre that can` };
  if (centre === here.province) {
    return { action: 'refuse', reason: `production centre ${here.province} is named as the ${script} centre but cannot print ${script}` };
  }
  return { action: 'forward', to: centre };
}
