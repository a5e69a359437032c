/** The site's Content-Security-Policy names exactly the third-party origins the configuration uses. */
import { expect } from 'chai';
import { clerkFrontendApi, sitePolicy } from '../../backend/src/http/content-security-policy.js';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('http: the site Content-Security-Policy', () => {
  it('allows scripts from our own origin only when Clerk is not configured', () => {
    const policy = sitePolicy({});
    expect(directive(policy, 'script-src')).to.equal("script-src 'self'");
    expect(directive(policy, 'style-src')).to.equal("style-src 'self'");
    expect(policy).to.not.match(/clerk|stripe|unsafe-eval/i);
  });

  it("adds Clerk's Frontend API, named by the publishable key, when Clerk is configured", () => {
    const key = `pk_test_${Buffer.from('happy-otter-12.clerk.accounts.dev$').toString('base64')}`;
    expect(clerkFrontendApi(key)).to.equal('happy-otter-12.clerk.accounts.dev');
    const policy = sitePolicy({ clerkPublishableKey: key });
    expect(directive(policy, 'script-src')).to.equal("script-src 'self' https://happy-otter-12.clerk.accounts.dev https://challenges.cloudflare.com");
    expect(directive(policy, 'connect-src')).to.equal("connect-src 'self' https://happy-otter-12.clerk.accounts.dev");
  });

  it('ignores a publishable key that does not name a host', () => {
    expect(clerkFrontendApi('pk_test_' + Buffer.from('not a host$').toString('base64'))).to.equal(undefined);
    expect(clerkFrontendApi('sk_test_abc')).to.equal(undefined);
    expect(directive(sitePolicy({ clerkPublishableKey: 'garbage' }), 'script-src')).to.equal("script-src 'self'");
  });
});
