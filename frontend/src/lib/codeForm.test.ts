import { describe, expect, it } from 'vitest';
import { CreateCodeRequest } from '@queuetix/contracts';
import { codeEffect, codeRequestFrom, codeUses, emptyCodeForm } from './codeForm';

const types = [
  { id: 'standing', name: 'Standing' },
  { id: 'members', name: 'Members presale' },
];

describe('the new-code form', () => {
  it('sends a percentage discount on some types, with a limit and a window in the venue zone', () => {
    const request = codeRequestFrom(
      { ...emptyCodeForm(), code: ' summer-10 ', typeIds: ['standing'], off: '10', maxUses: 50, validUntil: '2026-07-01T00:00' },
      'usd',
      'Europe/Paris',
    );
    expect(request).toEqual({
      code: 'summer-10',
      kind: 'discount',
      typeIds: ['standing'],
      percentOff: 10,
      maxUses: 50,
      validFrom: null,
      validUntil: '2026-06-30T22:00:00.000Z',
    });
    expect(CreateCodeRequest.parse(request).code).toBe('SUMMER-10');
  });

  it('sends an amount off in minor units, and an access code without any discount', () => {
    expect(codeRequestFrom({ ...emptyCodeForm(), code: 'FIVE', offKind: 'amount', off: '5' }, 'usd', 'UTC')).toMatchObject({ amountOff: 500, maxUses: null });
    const access = codeRequestFrom({ ...emptyCodeForm(), code: 'FANS', kind: 'access', typeIds: ['members'], off: '10' }, 'usd', 'UTC');
    expect(access).not.toHaveProperty('percentOff');
    expect(CreateCodeRequest.safeParse(access).success).toBe(true);
  });

  it('leaves a blank discount for the shared schema to refuse', () => {
    const request = codeRequestFrom({ ...emptyCodeForm(), code: 'BLANK' }, 'usd', 'UTC');
    expect(request.percentOff).toBeNaN();
    expect(CreateCodeRequest.safeParse(request).success).toBe(false);
  });

  it('says what a code does and how much it was used', () => {
    expect(codeEffect({ kind: 'access', typeIds: ['members'] }, types, 'usd')).toBe('Unlocks Members presale');
    expect(codeEffect({ kind: 'discount', typeIds: [], percentOff: 15 }, types, 'usd')).toBe('15% off every ticket');
    expect(codeEffect({ kind: 'discount', typeIds: ['standing'], amountOff: 250 }, types, 'usd')).toBe('$2.50 off Standing');
    expect(codeUses({ used: 3, held: 1, maxUses: 50 })).toBe('3 used, 1 held of 50');
    expect(codeUses({ used: 0, held: 0, maxUses: null })).toBe('0 used · no limit');
  });
});
