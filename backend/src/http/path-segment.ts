/** A path segment as the router will see it (percent-decoded), or undefined when it cannot be decoded. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
