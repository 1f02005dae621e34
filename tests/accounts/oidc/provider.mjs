// A real OpenID provider for the single sign-on tests: oidc-provider on 127.0.0.1 with its built-in (development)
// sign-in and consent pages, one client, RS256 keys made at start.
// Usage: node provider.mjs <port> <redirect_uri> <post_logout_redirect_uri>; prints "ready" once it listens.
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';

const [port, redirectUri, postLogoutUri] = process.argv.slice(2);
if (!port || !redirectUri || !postLogoutUri) {
  console.error('usage: node provider.mjs <port> <redirect_uri> <post_logout_redirect_uri>');
  process.exit(2);
}

// The people the provider knows, by the login typed on its sign-in page (any password is accepted).
const ACCOUNTS = {
  larisa: { email: 'Larisa@Example.org', email_verified: true, given_name: 'Лариса', family_name: 'Кривошеева' },
  newcomer: {
    email: 'svetlana.novikova@example.org', email_verified: true,
    given_name: 'Светлана', family_name: 'Новикова', middle_name: 'Игоревна',
  },
  unverified: { email: 'larisa@example.org', email_verified: false, given_name: 'Кто-то', family_name: 'Другой' },
  inactive: { email: 'ivan@example.org', email_verified: true, given_name: 'Иван', family_name: 'Уволенный' },
};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'innoinfra',
    client_secret: 'innoinfra-test-secret',
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [postLogoutUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['family_name', 'given_name', 'middle_name', 'name'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const person = ACCOUNTS[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
});
provider.proxy = false;
provider.on('server_error', (ctx, error) => console.error('server_error', error));

provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
