import { describe, expect, it } from 'vitest';
import {
  checkSender,
  MAX_LOOKUP_BATCH,
  ProtocolError,
  validateLookup,
  validatePinAdd,
  validatePinRemove,
  validateSearch,
} from './messaging';

describe('the message protocol refuses forged or malformed messages', () => {
  it('refuses senders other than this extension', () => {
    expect(() => checkSender({ id: 'abcdefghijklmnop' }, 'ownid')).toThrow(ProtocolError);
    expect(() => checkSender(undefined, 'ownid')).toThrow(/another extension or a web page/);
    expect(() => checkSender({ id: 'ownid' }, 'ownid')).not.toThrow();
  });
  it.each([
    [null, /needs an object/],
    [{ codes: '99213' }, /codes: string\[\]/],
    [{ codes: ['99213', '<img src=x>'] }, /not a five-character code/],
    [{ codes: [99213] }, /not a five-character code/],
    [{ codes: Array(MAX_LOOKUP_BATCH + 1).fill('99213') }, /at most 2000/],
  ])('lookup %j', (data, error) => expect(() => validateLookup(data)).toThrow(error));
  it('accepts a good lookup', () => expect(validateLookup({ codes: ['99213', 'J1100'] })).toEqual({ codes: ['99213', 'J1100'] }));
  it('bounds search and pins', () => {
    expect(() => validateSearch({ query: 'x'.repeat(201) })).toThrow(/200/);
    expect(() => validateSearch({ query: 'knee', limit: 10_000 })).toThrow(/limit/);
    expect(validateSearch({ query: 'knee' })).toEqual({ query: 'knee', limit: 50, category: null });
    expect(() => validateSearch({ query: 'knee', category: 'icd10' })).toThrow(/category/);
    expect(() => validatePinAdd({ code: '99213', units: 0 })).toThrow(/units/);
    expect(() => validatePinAdd({ code: '99213', modifier: '-25' })).toThrow(/modifier/);
    expect(validatePinAdd({ code: '99213' })).toEqual({ code: '99213', modifier: '', units: 1, note: '' });
    expect(() => validatePinRemove({ id: '1' })).toThrow(/pin id/);
  });
  it('checks locality ids and popup codes', () => {
    expect(validateLocality({ id: '10112-00' })).toEqual({ id: '10112-00' });
    expect(() => validateLocality({ id: "'; drop" })).toThrow(/locality needs an id/);
    expect(validateOpenPopup({ code: '27447-RT-59' })).toEqual({ code: '27447-RT-59' });
    expect(() => validateOpenPopup({ code: '<script>' })).toThrow(/openPopup needs a code/);
  });
});
