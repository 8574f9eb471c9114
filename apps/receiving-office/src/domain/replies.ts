/**
 * Whether an answer on idcard.receiving.<R>.replies can be about a request this office sent: it must come from the
 * registry office of the province the request went to, and name the office that sent it. Null when it can; the
 * reason otherwise (the message is dead-lettered with it).
 */
export function replyProblem(
  what: string,
  source: { province: string; service: string },
  request: { homeProvince: string; receivingOfficeCode: string },
  answeredFor: string,
): string | null {
  if (source.service !== 'registry-office' || source.province !== request.homeProvince) {
    return `${what} was answered by the ${source.service} of province ${source.province}, but only the registry it was sent to (${request.homeProvince}) answers`;
  }
  if (answeredFor !== request.receivingOfficeCode) return `${what} was sent by office ${request.receivingOfficeCode}, not ${answeredFor}`;
  return null;
}
