/**
 * Common free-mail providers: anyone can open an address there, so a bank or an administration
 * writing from one is not who it says it is. Includes the Luxembourg ISPs' private addresses.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com',
  'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.pt', 'hotmail.com', 'hotmail.fr', 'hotmail.de', 'hotmail.co.uk',
  'hotmail.be', 'hotmail.it', 'hotmail.es', 'live.com', 'live.fr', 'live.de', 'live.be', 'live.co.uk', 'msn.com',
  'yahoo.com', 'yahoo.fr', 'yahoo.de', 'yahoo.co.uk', 'yahoo.es', 'yahoo.it', 'yahoo.com.br', 'ymail.com', 'rocketmail.com',
  'aol.com', 'aol.fr', 'aol.de',
  'icloud.com', 'me.com', 'mac.com',
  'gmx.de', 'gmx.net', 'gmx.com', 'gmx.at', 'gmx.fr', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de', 'mail.de', 'posteo.de',
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'neuf.fr', 'laposte.net', 'bbox.fr',
  'skynet.be', 'telenet.be', 'proximus.be',
  'pt.lu',
  'sapo.pt', 'iol.pt', 'netcabo.pt', 'clix.pt',
  'libero.it', 'virgilio.it', 'tiscali.it',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tuta.com',
  'mail.com', 'email.com', 'usa.com', 'zoho.com', 'zohomail.eu', 'yandex.com', 'yandex.ru', 'mail.ru', 'inbox.ru',
  'bk.ru', 'list.ru', 'rambler.ru', 'qq.com', '163.com', '126.com', 'gmx.us', 'hushmail.com', 'fastmail.com', 'mailfence.com',
  'outlook.be', 'outlook.it', 'outlook.es', 'hotmail.nl', 'live.nl', 'yahoo.nl', 'ziggo.nl', 'kpnmail.nl',
]);

/** Link shorteners hide where a link really goes; scam text messages use them a lot. */
export const SHORTENER_DOMAINS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'bit.do', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'v.gd', 'buff.ly', 'rebrand.ly',
  'cutt.ly', 'shorturl.at', 'tiny.cc', 'tiny.one', 'rb.gy', 't.ly', 's.id', 'bl.ink', 'lnkd.in', 'qrco.de', 'shorte.st',
  'adf.ly', 'urlz.fr', 'soo.gd', 'clck.ru', 'x.co', 'u.to', 'surl.li', 't2m.io', 'snip.ly', 'chilp.it', 'dlvr.it',
  'ift.tt', 'amzn.to', 'short.gy', 'shorturl.asia', 'l.ead.me', 'ln.run', 'tr.im', 'urlr.me', 'gg.gg', 'kutt.it',
  'smarturl.it', 'han.gl', '1url.com', 'tny.im', 'shrtco.de', 'bitly.ws', 'y2u.be', 'rotf.lol', 'cli.re', 'lnk.to',
  '2u.pw', 'qr.io', 'qr.net', 'qr-codes.io', 'me-qr.com', 'jii.li', 'reurl.cc', 'did.li', 'hyperurl.co', 'shor.by',
]);
