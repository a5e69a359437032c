import { describe, expect, it } from 'vitest';
import { messagesFor, supportedLanguages, type Messages } from './messages.js';

const en = messagesFor('en');

describe('messagesFor', () => {
  it('picks the language of a locale, whatever its region or case', () => {
    expect(messagesFor('fr-CA').join).toBe('Rejoindre la file');
    expect(messagesFor('DE-at').join).toBe('Anstellen');
    expect(messagesFor('en-GB')).toBe(en);
  });

  it('falls back to English for a language it does not speak', () => {
    expect(messagesFor('ja-JP')).toBe(en);
    expect(messagesFor('')).toBe(en);
  });

  it('speaks English, French and German', () => {
    expect([...supportedLanguages].sort()).toEqual(['de', 'en', 'fr']);
  });

  it('has every sentence in every language, as text or as a function of the same arguments', () => {
    for (const language of supportedLanguages) {
      const t = messagesFor(language);
      expect(Object.keys(t).sort(), language).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof Messages)[]) {
        const [mine, english] = [t[key], en[key]];
        expect(typeof mine, `${language}.${key}`).toBe(typeof english);
        if (typeof mine === 'function' && typeof english === 'function') expect(mine.length, `${language}.${key}`).toBe(english.length);
        else expect(mine, `${language}.${key}`).not.toBe('');
      }
    }
  });
});

describe('counted sentences', () => {
  it('says "next" instead of "0 people ahead"', () => {
    expect(en.ahead(0)).toBe("You're next");
    expect(messagesFor('fr').ahead(0)).toBe('Vous êtes le prochain');
  });

  it('uses the singular for one and the plural otherwise, in every language', () => {
    expect(en.ahead(1)).toBe('1 person ahead of you');
    expect(en.ahead(3)).toBe('3 people ahead of you');
    expect(en.purchased(1)).toBe('1 ticket bought.');
    expect(en.purchased(2)).toBe('2 tickets bought.');
    expect(en.offerHeld(1, '9:30 PM')).toBe('1 ticket is held for you until 9:30 PM.');
    expect(en.offerHeld(4, '9:30 PM')).toBe('4 tickets are held for you until 9:30 PM.');
    expect(messagesFor('fr').purchased(1)).toBe('1 billet acheté.');
    expect(messagesFor('fr').purchased(2)).toBe('2 billets achetés.');
    expect(messagesFor('de').ahead(1)).toBe('1 Person vor Ihnen');
    expect(messagesFor('de').offerHeld(2, '21:30')).toBe('2 Tickets sind bis 21:30 für Sie reserviert.');
  });

  it('puts the numbers where each language wants them', () => {
    expect(en.left(3, 200)).toBe('3 of 200 tickets left');
    expect(messagesFor('de').left(3, 200)).toBe('Noch 3 von 200 Tickets');
    expect(messagesFor('fr').position(7)).toBe('Vous êtes numéro 7 dans la file');
  });
});
