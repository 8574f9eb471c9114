import type { DevIssuer } from '@idcard/access';

/**
 * The people the demo and the system test play, each with a token of their own from the development issuer: a
 * clerk of each receiving office, the reviewer and the register administrator of each registry, the operator of
 * each production centre, the province's ops, and a verifier (a bank's client credentials, national). Tokens are issued per call (EdDSA signing is cheap), so they
 * stay valid however far a run moves the clock.
 */
export class Actors {
  constructor(private readonly issuer: DevIssuer) {}

  clerk(office: string): Promise<string> {
    return this.issuer.issue({ role: 'clerk', province: office.slice(0, 2), office, name: `柜台${office.slice(-2)}号窗口` });
  }

  reviewer(province: string): Promise<string> {
    return this.issuer.issue({ role: 'reviewer', province, name: `审核员${province}` });
  }

  registerAdmin(province: string): Promise<string> {
    return this.issuer.issue({ role: 'register-admin', province, name: `户籍管理员${province}` });
  }

  operator(province: string): Promise<string> {
    return this.issuer.issue({ role: 'operator', province, name: `制证员${province}` });
  }

  ops(province: string): Promise<string> {
    return this.issuer.issue({ role: 'ops', province, name: `值班${province}` });
  }

  /** A bank's verification client (核查): national, no province; it may only ask whether a card is valid. */
  verifier(name = '某银行核查'): Promise<string> {
    return this.issuer.issue({ role: 'verifier', name });
  }
}
