/**
 * The token of an `Authorization: Bearer <token>` header, if that is what it holds. One reading for
 * the identity check, the embed and pass guards and the lean path, which must agree on it.
 */
export function bearerTokenOf(authorization: string): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
}
