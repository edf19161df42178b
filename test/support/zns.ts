import nock from 'nock';

/** A Zalo ZNS endpoint that accepts one template message; `body()` is what it was sent. */
export function acceptOneZns(base: string, accessToken: string, msgId: string) {
  let body: unknown;
  const scope = nock(base)
    .post('/message/template', (b: unknown) => {
      body = b;
      return true;
    })
    .matchHeader('access_token', accessToken)
    .reply(200, { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: '1765000000000' } });
  return { scope, body: () => body };
}
