import { IllegalTransition } from './errors';
import { IN_FLIGHT_STATES, REGISTRY_APPLICATION_STATES, RegistryApplicationState, transition } from './registry-application';

const allowed = (from: RegistryApplicationState, to: RegistryApplicationState) => {
  try {
    return transition('R44-AAAAAA', from, to) === to;
  } catch (err) {
    if (err instanceof IllegalTransition) return false;
    throw err;
  }
};

describe('registry application states', () => {
  it('holds the citizen slot only while under review, in manual review or signed off', () => {
    expect(REGISTRY_APPLICATION_STATES.filter((s) => IN_FLIGHT_STATES.includes(s))).toEqual(['under_review', 'manual_review', 'signed_off']);
  });

  it('lets a reviewer decide only what awaits review', () => {
    expect(allowed('manual_review', 'signed_off')).toBe(true);
    expect(allowed('manual_review', 'rejected')).toBe(true);
    expect(allowed('signed_off', 'rejected')).toBe(false);
    expect(allowed('rejected', 'signed_off')).toBe(false);
  });

  it('issues only a signed-off application', () => {
    expect(transition('R44-AAAAAA', 'signed_off', 'issued')).toBe('issued');
    expect(() => transition('R44-AAAAAA', 'manual_review', 'issued')).toThrow(IllegalTransition);
    expect(() => transition('R44-AAAAAA', 'issued', 'issued')).toThrow('application R44-AAAAAA is issued and cannot become issued');
  });

  it('refuses with a conflict that names the current state', () => {
    const refusal = expect.objectContaining({ code: 'ILLEGAL_TRANSITION', kind: 'conflict', details: { state: 'rejected' } });
    expect(() => transition('R44-AAAAAA', 'rejected', 'issued')).toThrow(refusal);
  });
});
