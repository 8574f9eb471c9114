// Who may do what: principals from verified tokens, roles bound to where they are held, the development issuer.
export * from './principal';
export * from './token-verifier';
export * from './dev-issuer';
