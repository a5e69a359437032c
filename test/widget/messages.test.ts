/**
 * Issue 13, point 11 (widget): every count in every language of the widget follows that
 * language's plural rules (Intl.PluralRules), and a free offer is "got", not bought for 0.
 */
import { expect } from 'chai';
import { messagesFor, supportedLanguages } from '../../widget/src/i18n/messages.js';

describe('widget: sentences with counts, in every language', () => {
  it('covers the languages it claims', () => {
    expect(supportedLanguages).to.have.members(['en', 'fr', 'de']);
  });

  it('says English counts with English plural forms', () => {
    const t = messagesFor('en');
    expect(t.ahead(1)).to.equal('1 person ahead of you');
    expect(t.ahead(2)).to.equal('2 people ahead of you');
    expect(t.left(1, 1)).to.equal('1 of 1 ticket left');
    expect(t.left(3, 40)).to.equal('3 of 40 tickets left');
    expect(t.purchased(1)).to.equal('1 ticket bought.');
    expect(t.offerHeld(1, '20:00')).to.equal('1 ticket is held for you until 20:00.');
    expect(t.getFree(1)).to.equal('Get ticket');
    expect(t.getFree(3)).to.equal('Get 3 tickets');
  });

  it('says French counts with French plural forms (0 and 1 are singular)', () => {
    const t = messagesFor('fr-FR');
    expect(t.left(0, 10)).to.equal('0 billet restant sur 10');
    expect(t.left(1, 10)).to.equal('1 billet restant sur 10');
    expect(t.left(2, 10)).to.equal('2 billets restants sur 10');
    expect(t.purchased(1)).to.equal('1 billet acheté.');
    expect(t.ahead(1)).to.equal('1 personne devant vous');
    expect(t.getFree(1)).to.equal('Obtenir mon billet');
    expect(t.getFree(2)).to.equal('Obtenir 2 billets');
  });

  it('says German counts with German plural forms', () => {
    const t = messagesFor('de');
    expect(t.left(1, 1)).to.equal('Noch 1 von 1 Ticket');
    expect(t.left(1, 5)).to.equal('Noch 1 von 5 Tickets');
    expect(t.ahead(1)).to.equal('1 Person vor Ihnen');
    expect(t.getFree(2)).to.equal('2 Tickets holen');
  });

  it('never offers to "buy" a free offer in any language', () => {
    for (const language of supportedLanguages) {
      const t = messagesFor(language);
      for (const n of [1, 2]) expect(t.getFree(n), language).not.to.match(/buy|kaufen|acheter|0[.,]00/i);
    }
  });
});
