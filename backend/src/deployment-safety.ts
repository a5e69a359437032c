import type { ConfigValues } from './config.js';

/** Every variable Clerk mode needs: with some of them set, all must be (a half-configured Clerk is refused). */
export const CLERK_VARIABLES = ['CLERK_SECRET_KEY', 'CLERK_PUBLISHABLE_KEY', 'CLERK_JWT_KEY', 'CLERK_ISSUER', 'CLERK_AUTHORIZED_PARTIES'] as const;
/** Every variable Stripe mode needs, likewise all or none. */
export const STRIPE_VARIABLES = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const;
/** What NODE_ENV=production requires unless the operator sets QUEUETIX_DEMO=1. */
export const PRODUCTION_VARIABLES = [...CLERK_VARIABLES, ...STRIPE_VARIABLES] as const;

type Variable = (typeof PRODUCTION_VARIABLES)[number];

const isSet = (c: ConfigValues, name: Variable) => {
  const value = c[name];
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
};

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/**
 * Why this configuration must not start, one phrase per problem (empty: it may). Production never
 * falls back silently to dev sign-in (anyone can become any seller) or demo payments (tickets without
 * money); a half-set group is refused in every mode, because it means the operator meant to set it.
 */
export function deploymentProblems(c: ConfigValues): string[] {
  const problems: string[] = [];
  const missing = (names: readonly Variable[]) => names.filter((n) => !isSet(c, n));
  for (const [service, names] of [
    ['Clerk', CLERK_VARIABLES],
    ['Stripe', STRIPE_VARIABLES],
  ] as const) {
    const absent = missing(names);
    if (absent.length > 0 && absent.length < names.length) {
      problems.push(`${service} is half-configured, missing ${absent.join(', ')} (set all of ${names.join(', ')} or none)`);
    }
  }
  // A token's azp is its site's origin, compared as a string: anything else would never match.
  const notOrigins = c.CLERK_AUTHORIZED_PARTIES.filter((party) => !isOrigin(party));
  if (notOrigins.length) problems.push(`CLERK_AUTHORIZED_PARTIES must list origins like https://tickets.example.com, not ${notOrigins.join(', ')}`);
  if (c.NODE_ENV === 'production' && !c.QUEUETIX_DEMO) {
    const absent = missing(PRODUCTION_VARIABLES);
    if (absent.length) {
      problems.push(
        `NODE_ENV=production needs Clerk and Stripe fully configured, missing ${absent.join(', ')} (or set QUEUETIX_DEMO=1 to run a labelled demo on purpose)`,
      );
    }
    if (c.SEED_DEMO) problems.push('SEED_DEMO=true in production needs QUEUETIX_DEMO=1');
  }
  return problems;
}
