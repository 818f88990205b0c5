import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WordingRule } from './analysis.types.js';
import { WORDING_RULES, wordingSignals } from './wording.js';

type Cases = Record<string, Record<WordingRule, string>>;

/** One scam sentence per rule and language; each must be recognised in its own language. */
const SCAMS: Cases = {
  lb: {
    urgency: 'Äre Kont gëtt gespaart, wann Dir net reagéiert.',
    asks_for_codes: 'Fir Är Sécherheet musst Dir Är Identitéit elo bestätegen.',
    payment_or_parcel_fee: 'Äre Pak waart op Iech. Bezuelt w.e.g. nach 1,99 EUR.',
    gift_cards_or_crypto: 'Kaaft mer zwou Paysafecard vun 100 Euro am Tankstell.',
    new_iban: 'Eis Bankverbindung huet sech geännert, hei ass eis nei IBAN.',
    sextortion: 'Ech hunn Iech iwwer Är Webcam gefilmt. Bezuelt 500 Euro a Bitcoin oder ech schécken de Film un all Är Kontakter.',
    fake_authority: 'Police Grand-Ducale: Dir hutt eng Geldstrof vun 145 EUR, déi Dir haut muss bezuelen.',
  },
  fr: {
    urgency: 'Votre compte a été temporairement suspendu pour des raisons de sécurité.',
    asks_for_codes: 'Veuillez confirmer votre identité en cliquant sur le lien ci-dessous.',
    payment_or_parcel_fee: 'Votre colis est bloqué au centre de tri : des frais de douane de 2,99 € restent à régler.',
    gift_cards_or_crypto: 'Achetez des cartes Google Play et envoyez-moi les codes en photo.',
    new_iban: 'Suite à un changement de banque, merci d’utiliser notre nouvel IBAN pour la facture.',
    sextortion: 'J’ai une vidéo intime de vous. Payez 800 € ou elle sera envoyée à tous vos contacts.',
    fake_authority: 'Un mandat d’arrêt a été émis à votre nom par Europol.',
  },
  de: {
    urgency: 'Letzte Warnung: Ihr Zugang wird heute gesperrt.',
    asks_for_codes: 'Bitte bestätigen Sie Ihre Identität, damit wir Ihr Konto freischalten können.',
    payment_or_parcel_fee: 'Für Ihre Sendung ist eine Zollgebühr von 3,20 EUR offen.',
    gift_cards_or_crypto: 'Überweisen Sie den Betrag in Bitcoin an die folgende Wallet-Adresse.',
    new_iban: 'Bitte beachten Sie unsere neue Bankverbindung ab sofort.',
    sextortion: 'Ich habe ein Sexvideo von Ihnen aufgenommen.',
    fake_authority: 'Gegen Sie liegt ein Haftbefehl vor.',
  },
  en: {
    urgency: 'Act now or your access will be removed.',
    asks_for_codes: 'Reply to this message and send me the code you just received.',
    payment_or_parcel_fee: 'We could not deliver your parcel. A redelivery fee of 1.50 EUR applies.',
    gift_cards_or_crypto: 'I need four Google Play gift cards for a client, can you buy them now?',
    new_iban: 'Please note that our bank details have changed; the new IBAN is on the invoice.',
    sextortion: 'I hacked your webcam while you were visiting adult websites.',
    fake_authority: 'An arrest warrant has been issued in your name.',
  },
  pt: {
    urgency: 'A sua conta foi bloqueada por motivos de segurança.',
    asks_for_codes: 'Para continuar, confirme a sua identidade no link abaixo.',
    payment_or_parcel_fee: 'A sua encomenda aguarda o pagamento da taxa alfandegária de 1,99 EUR.',
    gift_cards_or_crypto: 'Pague em criptomoeda para o endereço da carteira indicado.',
    new_iban: 'Informamos que os nossos dados bancários foram alterados. Use o novo IBAN.',
    sextortion: 'Tenho um vídeo íntimo seu gravado pela câmara do seu computador.',
    fake_authority: 'Foi emitido um mandado de detenção contra si.',
  },
};

for (const [language, cases] of Object.entries(SCAMS)) {
  for (const rule of WORDING_RULES) {
    test(`${rule} is recognised in ${language}`, () => {
      const signal = wordingSignals(cases[rule]).find((s) => s.rule === rule);
      assert.ok(signal, `no ${rule} in: ${cases[rule]}`);
      assert.equal(signal.language, language);
      const parts = signal.match.split(' … ');
      assert.ok(parts.every((part) => part.length > 0 && cases[rule].includes(part)), `match "${signal.match}" is not words of the message`);
    });
  }
}

test('the "Hi Mum, new number" family counts as new_iban in every language', () => {
  const texts: [string, string][] = [
    ['lb', 'Moien Mamm, dat hei ass meng nei Nummer, mäin Handy ass futti.'],
    ['fr', 'Coucou maman, c’est mon nouveau numéro, mon téléphone est tombé dans l’eau.'],
    ['de', 'Hallo Mama, das ist meine neue Nummer. Kannst du mir schnell eine Rechnung überweisen?'],
    ['en', 'Hi Mum, this is my new number, I dropped my phone. Can you pay a bill for me?'],
    ['pt', 'Olá mãe, este é o meu novo número, o meu telemóvel avariou.'],
  ];
  for (const [language, text] of texts) {
    const signal = wordingSignals(text).find((s) => s.rule === 'new_iban');
    assert.equal(signal?.language, language, text);
  }
});

test('case, accents, invisible characters and glued numbers do not hide the words', () => {
  assert.deepEqual(rules('VOTRE COMPTE A ETE SUSPENDU'), ['urgency']);
  assert.deepEqual(rules('confirmez votre identite'), ['asks_for_codes']);
  assert.deepEqual(rules('Pay\u00adsafe\u200bcard'), ['gift_cards_or_crypto']);
  assert.deepEqual(rules('Confirm your details within 24h or your account will be closed.'), ['asks_for_codes', 'urgency']);
  assert.deepEqual(rules('ZOLLGEBUHR offen'), ['payment_or_parcel_fee']);
  assert.deepEqual(rules('Zollgebuehr'), [], 'the "ue" spelling is not folded: only diacritics are');
  assert.deepEqual(rules('Straße, Bußgeld, Polizei: zahlen Sie'), ['fake_authority']);
});

test('prefixes and gaps cover inflections and words in between', () => {
  assert.deepEqual(rules('Votre compte client a été bloqué.'), ['urgency']);
  assert.deepEqual(rules('Votre compte sera bloquée demain.'), ['urgency']);
  assert.deepEqual(rules('Ihr Konto wurde vorübergehend gesperrt.'), ['urgency']);
  assert.deepEqual(rules('Your account was blocked.'), ['urgency']);
  assert.deepEqual(rules('Your account with us has been, for your safety, blocked.'), [], 'more than three words apart');
  assert.deepEqual(rules('Your account. Blocked cards are replaced.'), [], 'a gap never crosses a sentence');
});

test('one signal per rule: the first occurrence, in the order of the text', () => {
  const signals = wordingSignals('Act now! Send me the code. Act now again, and last warning. Bitcoin only.');
  assert.deepEqual(
    signals.map((s) => [s.rule, s.match]),
    [
      ['urgency', 'Act now'],
      ['asks_for_codes', 'Send me the code'],
      ['gift_cards_or_crypto', 'Bitcoin'],
    ],
  );
});

test('a cue and its companion far apart are shown as "cue … companion", as written', () => {
  const [signal] = wordingSignals('Votre COLIS est arrivé au centre de tri de Bettembourg hier soir. Des frais restent à régler.');
  assert.equal(signal?.rule, 'payment_or_parcel_fee');
  assert.equal(signal.match, 'COLIS … frais');
});

test('shared words take the language the text is written in', () => {
  assert.equal(wordingSignals('Please pay the amount in Bitcoin to the address below.')[0]?.language, 'en');
  assert.equal(wordingSignals('Veuillez payer le montant en Bitcoin sur le portefeuille ci-dessous.')[0]?.language, 'fr');
  assert.equal(wordingSignals('Bitte zahlen Sie den Betrag in Bitcoin an die folgende Adresse.')[0]?.language, 'de');
  assert.equal(wordingSignals('Por favor pague o valor em Bitcoin para a carteira indicada.')[0]?.language, 'pt');
  assert.equal(wordingSignals('Bezuelt w.e.g. de Montant a Bitcoin, dat ass dréngend fir eis.')[0]?.language, 'lb');
});

test('a cue alone is ordinary; it needs its companion nearby', () => {
  assert.deepEqual(rules('Your parcel has been delivered to your letterbox.'), []);
  assert.deepEqual(rules('The police closed the road during the marathon.'), []);
  assert.deepEqual(rules('I changed to a new number, save it in your contacts.'), []);
  assert.deepEqual(rules('Our webcam shows the view of the castle all day.'), []);
  const farApart = `Your parcel arrived. ${'Nothing else happened today. '.repeat(10)}The payment for the school trip is due.`;
  assert.deepEqual(rules(farApart), []);
});

test('a bank warning that it never asks for codes is no request', () => {
  assert.deepEqual(rules('Spuerkeess will never ask you by e-mail or SMS to confirm your identity or to send us your LuxTrust codes.'), []);
  assert.deepEqual(rules('Nous ne vous demanderons jamais de confirmer votre identité ni de communiquer votre code SMS.'), []);
  assert.deepEqual(rules('Wir werden Sie niemals bitten, Ihre PIN einzugeben oder Ihre Identität zu bestätigen.'), []);
  assert.deepEqual(rules('Deelt Äre PIN ni, a gitt Äre Passwuert ni weider.'), []);
  assert.deepEqual(rules('O banco nunca lhe pedirá para confirmar a sua identidade por SMS.'), []);
  assert.deepEqual(
    rules('We never ask for your password. Today, however: confirm your identity here.'),
    ['asks_for_codes'],
    'a "never" does not reach into the next sentence',
  );
});

test('ordinary notices raise nothing', () => {
  const notices = [
    'Votre extrait de compte du mois de février est disponible dans S-Net.',
    'Your statement for February is now available in Web Banking.',
    'Ihr Kontoauszug für Februar steht in Ihrem Online-Banking bereit.',
    'Den Extrait vun Ärem Kont fir Februar ass an S-Net disponibel.',
    'O seu extrato de fevereiro está disponível no Web Banking.',
    'La CNS a effectué le remboursement de vos frais médicaux du 3 mars. Le décompte est disponible sur MyGuichet.lu.',
    'Die CNS hat Ihnen 42,30 EUR für Ihre Arztrechnung erstattet.',
    'POST: Votre colis LU123456789 est arrivé au Pick-up Station Gare. Vous pouvez le retirer jusqu’au 12 mars avec ce code QR.',
    'Your parcel is waiting for you at the Pick-up Station Gare until 12 March.',
    'Äre Pak ass an der Pick-up Station Gare ukomm a waart bis den 12. Mäerz op Iech.',
    'A sua encomenda está à sua espera no Pick-up Station Gare até 12 de março.',
    'Ihr LuxTrust-Zertifikat läuft am 30. Juni ab. Sie können es bei Ihrer Bank oder in einer LuxTrust-Verkaufsstelle erneuern.',
    'Votre facture d’électricité de 84,20 EUR sera prélevée le 15 avril sur votre compte.',
    'Moien Anne, hei sinn d’Fotoe vum Sonndeg. Bis geschwënn!',
    'Chers parents, la fête de l’école aura lieu le 14 juin. Une participation de 5 euros par enfant est demandée pour le repas.',
    'Rappel : rendez-vous chez le Dr Weber demain à 10h30. Pour annuler, appelez le 26 12 34 56.',
    'Olá Ana! Amanhã às 15h no café da praça? Beijinhos',
    'Die Gemeinde informiert: Die Sperrmüllabfuhr findet am Dienstag statt. Bitte stellen Sie Ihre Gegenstände bis 7 Uhr bereit.',
    'Your code to confirm the payment of 45.00 EUR is 482913. Never share this code with anyone.',
  ];
  for (const notice of notices) assert.deepEqual(rules(notice), [], notice);
});

test('the scan stays linear on large and hostile texts', () => {
  const words = 'account compte Konto Kont conta parcel colis Paket police luxtrust webcam within 24 hours sous bannent immediately ';
  const hostile = `${words.repeat(Math.ceil(10_000_000 / words.length))} pay the fee now`;
  const started = performance.now();
  const signals = wordingSignals(hostile);
  const elapsed = performance.now() - started;
  assert.deepEqual(
    signals.map((s) => s.rule).sort(),
    ['fake_authority', 'payment_or_parcel_fee', 'sextortion', 'urgency'],
    'companions at the very end are still found',
  );
  assert.ok(elapsed < 5000, `10 MB took ${Math.round(elapsed)} ms`);
});

test('empty and wordless texts give no signals', () => {
  assert.deepEqual(wordingSignals(''), []);
  assert.deepEqual(wordingSignals('!!! ??? 123 456 ... \n\n'), []);
});

function rules(text: string): WordingRule[] {
  return wordingSignals(text).map((s) => s.rule);
}
