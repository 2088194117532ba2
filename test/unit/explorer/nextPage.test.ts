import assert from 'node:assert/strict';
import { nextPageOffset, withOffset } from '../../../src/core/explorer/nextPage';
import { aPage, anExchange, aRequest } from './helpers/exchanges';

describe('"Next page" of an answer', () => {
  const TABLE: Array<[title: string, body: string, expected: number | undefined, status?: number, method?: string]> = [
    ['more by total', aPage(0, 2, 2, 5), 2],
    ['advanced by the reported limit, not the asked one', aPage(10, 3, 3, 100), 13],
    ['the last page by total', aPage(4, 2, 1, 5), undefined],
    ['exactly at the end by total', aPage(3, 2, 2, 5), undefined],
    ['no total: a full page means more', aPage(0, 2, 2), 2],
    ['no total: a short page is the end', aPage(2, 2, 1), undefined],
    ['an empty page', aPage(0, 2, 0), undefined],
    ['not a list', '{"id": "u_1"}', undefined],
    ['not JSON', 'oops', undefined],
    ['a limit of 0', JSON.stringify({ data: [1], _metadata: { offset: 0, limit: 0 } }), undefined],
    ['a string offset', JSON.stringify({ data: [1], _metadata: { offset: '0', limit: 1 } }), undefined],
    ['an error answer', aPage(0, 2, 2, 5), undefined, 404],
    ['a POST answer', aPage(0, 2, 2, 5), undefined, 200, 'POST'],
  ];
  for (const [title, bodyText, expected, status = 200, method = 'GET'] of TABLE) {
    it(title, () => assert.equal(nextPageOffset(anExchange({ request: { method }, response: { status, bodyText } })), expected));
  }

  it('is not offered for a body the history cut', () => assert.equal(nextPageOffset(anExchange({ response: { cutAt: 10 } })), undefined));

  it('asks the same request with another offset, the rest of the query kept', () => {
    const next = withOffset(aRequest({ url: 'https://api.example.test/v1/leads?q=a&offset=0&limit=2', headers: [['X', '1']] }), 2);
    assert.equal(next.url, 'https://api.example.test/v1/leads?q=a&offset=2&limit=2');
    assert.deepEqual(next.headers, [['X', '1']]);
    assert.equal(withOffset(aRequest({ url: 'https://api.example.test/v1/agents' }), 25).url, 'https://api.example.test/v1/agents?offset=25');
  });
});
