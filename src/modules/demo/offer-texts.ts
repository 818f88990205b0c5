/**
 * What the demo offers say, per offer type, in the five UI languages and in Easy Language
 * (German "Leichte Sprache" and French "FALC", the two Luxembourg providers use most).
 * Written by hand so the demo reads like a real directory in every language.
 */
import type { Locale } from '../../platform/i18n/locales.js';
import type { OfferType } from './codes.js';

export type Texts = Readonly<Record<Locale, string>>;

export interface OfferTypeText {
  readonly name: Texts;
  readonly description: Texts;
  readonly easy: { readonly de: string; readonly fr: string };
}

export const OFFER_TYPE_TEXTS: Readonly<Record<OfferType, OfferTypeText>> = {
  course: {
    name: {
      lb: "Cours fir d'digital Grondkenntnisser",
      fr: 'Cours de base du numérique',
      de: 'Grundkurs digitale Kompetenzen',
      en: 'Digital basics course',
      pt: 'Curso de competências digitais básicas',
    },
    description: {
      lb: 'A klenge Gruppe léiere mir Schrëtt fir Schrëtt, wéi een e Computer, en Tablet an den Internet notzt.',
      fr: 'En petits groupes, nous apprenons pas à pas à utiliser un ordinateur, une tablette et internet.',
      de: 'In kleinen Gruppen lernen wir Schritt für Schritt, Computer, Tablet und Internet zu nutzen.',
      en: 'In small groups we learn step by step how to use a computer, a tablet and the internet.',
      pt: 'Em pequenos grupos, aprendemos passo a passo a usar um computador, um tablet e a internet.',
    },
    easy: {
      de: 'Sie lernen in einer kleinen Gruppe. Sie lernen den Computer und das Internet.',
      fr: "Vous apprenez en petit groupe. Vous apprenez l'ordinateur et internet.",
    },
  },
  helpdesk: {
    name: {
      lb: 'Digital Sprechstonn',
      fr: 'Permanence numérique',
      de: 'Digitale Sprechstunde',
      en: 'Digital help desk',
      pt: 'Balcão de apoio digital',
    },
    description: {
      lb: 'Kommt mat Ärer Fro laanscht: mir hëllefen Iech individuell mam Handy, dem Computer oder Online-Formulairen.',
      fr: 'Passez avec votre question : nous vous aidons individuellement avec votre téléphone, votre ordinateur ou vos formulaires en ligne.',
      de: 'Kommen Sie mit Ihrer Frage vorbei: Wir helfen Ihnen persönlich mit Handy, Computer oder Online-Formularen.',
      en: 'Drop in with your question: we help you one-to-one with your phone, your computer or online forms.',
      pt: 'Passe por cá com a sua pergunta: ajudamos individualmente com o telemóvel, o computador ou formulários online.',
    },
    easy: {
      de: 'Sie haben eine Frage zum Handy oder Computer? Kommen Sie vorbei. Wir helfen Ihnen.',
      fr: 'Vous avez une question sur votre téléphone ou votre ordinateur ? Venez nous voir. Nous vous aidons.',
    },
  },
  public_access_point: {
    name: {
      lb: 'Internetstuff',
      fr: 'Espace public numérique',
      de: 'Internetstube',
      en: 'Public internet corner',
      pt: 'Espaço público de internet',
    },
    description: {
      lb: 'Computeren an en Drécker fräi zougänglech, mat enger Persoun op der Plaz, déi Iech hëllefe kann.',
      fr: 'Ordinateurs et imprimante en libre accès, avec une personne sur place pour vous aider.',
      de: 'Computer und Drucker frei zugänglich, mit einer Ansprechperson vor Ort.',
      en: 'Computers and a printer free to use, with someone on site to help.',
      pt: 'Computadores e impressora de acesso livre, com uma pessoa no local para ajudar.',
    },
    easy: {
      de: 'Hier gibt es Computer. Sie dürfen die Computer benutzen. Jemand hilft Ihnen.',
      fr: 'Ici, il y a des ordinateurs. Vous pouvez les utiliser. Une personne vous aide.',
    },
  },
  internet_access: {
    name: {
      lb: 'Gratis WLAN an Internetzougang',
      fr: 'Wi-Fi gratuit et accès à internet',
      de: 'Kostenloses WLAN und Internetzugang',
      en: 'Free Wi-Fi and internet access',
      pt: 'Wi-Fi gratuito e acesso à internet',
    },
    description: {
      lb: 'Hei kënnt Dir gratis surfen, Är E-Maile liesen an Dokumenter eroflueden.',
      fr: 'Ici, vous pouvez surfer gratuitement, lire vos e-mails et télécharger des documents.',
      de: 'Hier können Sie kostenlos surfen, E-Mails lesen und Dokumente herunterladen.',
      en: 'Browse for free, read your e-mail and download documents here.',
      pt: 'Aqui pode navegar gratuitamente, ler os seus e-mails e descarregar documentos.',
    },
    easy: {
      de: 'Hier gibt es Internet. Das Internet kostet nichts.',
      fr: 'Ici, il y a internet. Internet est gratuit.',
    },
  },
  affordable_devices: {
    name: {
      lb: 'Opbereet Computeren zu solidaresche Präisser',
      fr: 'Ordinateurs reconditionnés à prix solidaire',
      de: 'Aufbereitete Computer zu Solidarpreisen',
      en: 'Refurbished computers at solidarity prices',
      pt: 'Computadores recondicionados a preço solidário',
    },
    description: {
      lb: 'Mir setzen gebrauchte Laptoppen a Smartphonen nees op a ginn se bëlleg of, mat enger klenger Aféierung.',
      fr: "Nous remettons à neuf des ordinateurs portables et des smartphones d'occasion et les cédons à petit prix, avec une courte prise en main.",
      de: 'Wir bereiten gebrauchte Laptops und Smartphones auf und geben sie günstig ab, mit einer kurzen Einführung.',
      en: 'We refurbish second-hand laptops and smartphones and pass them on cheaply, with a short introduction.',
      pt: 'Recondicionamos portáteis e smartphones usados e cedemo-los a preço baixo, com uma breve introdução.',
    },
    easy: {
      de: 'Sie können hier einen Computer kaufen. Der Computer ist gebraucht. Er kostet wenig.',
      fr: "Vous pouvez acheter un ordinateur ici. L'ordinateur est d'occasion. Il ne coûte pas cher.",
    },
  },
  device_help: {
    name: {
      lb: 'Hëllef bei Problemer mam Apparat',
      fr: 'Aide pour vos appareils',
      de: 'Hilfe bei Geräteproblemen',
      en: 'Help with your devices',
      pt: 'Ajuda com os seus aparelhos',
    },
    description: {
      lb: 'Äre Computer ass lues, den Drécker streikt oder en Update hänkt? Bréngt den Apparat mat, mir kucken zesummen.',
      fr: 'Ordinateur lent, imprimante en panne ou mise à jour bloquée ? Apportez votre appareil, nous regardons ensemble.',
      de: 'Der Computer ist langsam, der Drucker streikt oder ein Update hängt? Bringen Sie das Gerät mit, wir schauen gemeinsam.',
      en: 'Slow computer, printer on strike or a stuck update? Bring your device and we will look at it together.',
      pt: 'Computador lento, impressora avariada ou uma atualização bloqueada? Traga o aparelho e vemos juntos.',
    },
    easy: {
      de: 'Ihr Gerät geht nicht? Bringen Sie es mit. Wir schauen es zusammen an.',
      fr: 'Votre appareil ne marche pas ? Apportez-le. Nous le regardons ensemble.',
    },
  },
  smartphone_tablet: {
    name: {
      lb: 'Mäi Smartphone besser verstoen',
      fr: 'Apprivoiser son smartphone',
      de: 'Das eigene Smartphone verstehen',
      en: 'Getting to know your smartphone',
      pt: 'Conhecer o seu smartphone',
    },
    description: {
      lb: 'Uruffen, Fotoen, WhatsApp, Appen installéieren: mir weisen Iech, wéi Äert Smartphone oder Tablet funktionéiert.',
      fr: 'Appeler, prendre des photos, WhatsApp, installer des applications : nous vous montrons comment fonctionne votre smartphone ou votre tablette.',
      de: 'Telefonieren, Fotos, WhatsApp, Apps installieren: Wir zeigen Ihnen, wie Ihr Smartphone oder Tablet funktioniert.',
      en: 'Calls, photos, WhatsApp, installing apps: we show you how your smartphone or tablet works.',
      pt: 'Chamadas, fotografias, WhatsApp, instalar aplicações: mostramos como funciona o seu smartphone ou tablet.',
    },
    easy: {
      de: 'Sie lernen Ihr Handy kennen. Zum Beispiel: Fotos machen und Nachrichten schreiben.',
      fr: 'Vous apprenez à utiliser votre téléphone. Par exemple : faire des photos et écrire des messages.',
    },
  },
  computer_basics: {
    name: {
      lb: 'Éischt Schrëtt um Computer',
      fr: "Premiers pas sur l'ordinateur",
      de: 'Erste Schritte am Computer',
      en: 'First steps on a computer',
      pt: 'Primeiros passos no computador',
    },
    description: {
      lb: 'Maus, Tastatur, Fichieren an Dossieren: fir all déi, déi nach ni oder bal ni un engem Computer souzen.',
      fr: "Souris, clavier, fichiers et dossiers : pour celles et ceux qui n'ont jamais, ou presque, utilisé un ordinateur.",
      de: 'Maus, Tastatur, Dateien und Ordner: für alle, die noch nie oder kaum an einem Computer gesessen haben.',
      en: 'Mouse, keyboard, files and folders: for anyone who has never, or hardly ever, used a computer.',
      pt: 'Rato, teclado, ficheiros e pastas: para quem nunca ou quase nunca usou um computador.',
    },
    easy: {
      de: 'Sie lernen den Computer kennen. Sie lernen die Maus und die Tastatur.',
      fr: "Vous découvrez l'ordinateur. Vous apprenez la souris et le clavier.",
    },
  },
  everyday_digital: {
    name: {
      lb: 'E-Mail, Videoappell an Appen am Alldag',
      fr: 'E-mails, appels vidéo et applis du quotidien',
      de: 'E-Mail, Videoanrufe und Alltags-Apps',
      en: 'E-mail, video calls and everyday apps',
      pt: 'E-mail, videochamadas e aplicações do dia a dia',
    },
    description: {
      lb: 'Eng E-Mail schécken, e Videoappell mat der Famill maachen, den nächste Bus um Handy sichen: mir üben zesummen.',
      fr: 'Envoyer un e-mail, faire un appel vidéo avec la famille, chercher le prochain bus sur son téléphone : nous nous exerçons ensemble.',
      de: 'Eine E-Mail schicken, mit der Familie per Video telefonieren, den nächsten Bus auf dem Handy suchen: Wir üben gemeinsam.',
      en: 'Sending an e-mail, video-calling the family, finding the next bus on your phone: we practise together.',
      pt: 'Enviar um e-mail, fazer uma videochamada com a família, procurar o próximo autocarro no telemóvel: praticamos juntos.',
    },
    easy: {
      de: 'Sie lernen E-Mails schreiben. Sie lernen Video-Anrufe mit der Familie.',
      fr: 'Vous apprenez à écrire des e-mails. Vous apprenez à faire des appels vidéo avec la famille.',
    },
  },
  online_procedures: {
    name: {
      lb: 'Hëllef bei MyGuichet.lu an Online-Demarchen',
      fr: 'Aide pour MyGuichet.lu et les démarches en ligne',
      de: 'Hilfe bei MyGuichet.lu und Behördengängen online',
      en: 'Help with MyGuichet.lu and online forms',
      pt: 'Ajuda com o MyGuichet.lu e procedimentos online',
    },
    description: {
      lb: 'Mir hëllefen Iech bei Ären Demarchen online: Umeldung op MyGuichet.lu mat LuxTrust oder eID, Formulairen ausfëllen an Dokumenter eroplueden.',
      fr: 'Nous vous aidons à faire vos démarches en ligne : connexion à MyGuichet.lu avec LuxTrust ou eID, formulaires et envoi de documents.',
      de: 'Wir helfen Ihnen bei Behördengängen online: Anmeldung bei MyGuichet.lu mit LuxTrust oder eID, Formulare ausfüllen und Dokumente hochladen.',
      en: 'We help you with public services online: signing in to MyGuichet.lu with LuxTrust or eID, filling in forms and uploading documents.',
      pt: 'Ajudamos nos procedimentos administrativos online: entrar no MyGuichet.lu com LuxTrust ou eID, preencher formulários e enviar documentos.',
    },
    easy: {
      de: 'Sie müssen ein Formular im Internet ausfüllen? Wir helfen Ihnen dabei.',
      fr: 'Vous devez remplir un formulaire sur internet ? Nous vous aidons.',
    },
  },
  health_procedures: {
    name: {
      lb: 'Gesondheet online: CNS, Rendez-vousen a Rezepter',
      fr: 'Santé en ligne : CNS, rendez-vous et ordonnances',
      de: 'Gesundheit online: CNS, Termine und Rezepte',
      en: 'Health online: CNS, appointments and prescriptions',
      pt: 'Saúde online: CNS, consultas e receitas',
    },
    description: {
      lb: 'E Rendez-vous beim Dokter online huelen, e Remboursement vun der CNS verfollegen, Ären Dossier de soins partagé kucken: mir weisen Iech wéi.',
      fr: 'Prendre rendez-vous chez le médecin en ligne, suivre un remboursement de la CNS, consulter son Dossier de soins partagé : nous vous montrons comment.',
      de: 'Online einen Arzttermin buchen, eine Rückerstattung der CNS verfolgen, die gemeinsame Patientenakte (DSP) einsehen: Wir zeigen Ihnen, wie es geht.',
      en: "Booking a doctor's appointment online, tracking a CNS reimbursement, viewing your shared care record (DSP): we show you how.",
      pt: 'Marcar uma consulta médica online, acompanhar um reembolso da CNS, consultar o processo de saúde partilhado (DSP): mostramos como.',
    },
    easy: {
      de: 'Sie lernen: einen Termin beim Arzt im Internet machen.',
      fr: 'Vous apprenez à prendre un rendez-vous chez le médecin sur internet.',
    },
  },
  e_banking: {
    name: {
      lb: 'Online-Banking mat Vertrauen',
      fr: 'La banque en ligne en toute confiance',
      de: 'Online-Banking mit Vertrauen',
      en: 'Online banking with confidence',
      pt: 'Banco online com confiança',
    },
    description: {
      lb: 'De Kont um Handy kucken, en Iwwerweisung maachen, mat Payconiq bezuelen a Bedruch erkennen: Schrëtt fir Schrëtt a sécher.',
      fr: 'Consulter son compte sur le téléphone, faire un virement, payer avec Payconiq et repérer les arnaques : pas à pas et en sécurité.',
      de: 'Kontostand am Handy prüfen, eine Überweisung machen, mit Payconiq bezahlen und Betrug erkennen: Schritt für Schritt und sicher.',
      en: 'Checking your account on your phone, making a transfer, paying with Payconiq and spotting scams: step by step and safely.',
      pt: 'Consultar a conta no telemóvel, fazer uma transferência, pagar com Payconiq e reconhecer burlas: passo a passo e em segurança.',
    },
    easy: {
      de: 'Sie lernen: Ihr Bank-Konto im Internet ansehen. Sicher und Schritt für Schritt.',
      fr: 'Vous apprenez à regarder votre compte en banque sur internet. En sécurité, étape par étape.',
    },
  },
  online_safety: {
    name: {
      lb: 'Sécher um Internet',
      fr: 'En sécurité sur internet',
      de: 'Sicher im Netz',
      en: 'Staying safe online',
      pt: 'Seguro na internet',
    },
    description: {
      lb: 'Phishing-Mailen, falsch SMSen, sécher Passwierder a Privatsphär: esou schützt Dir Iech an Är Donnéeën.',
      fr: "E-mails d'hameçonnage, faux SMS, mots de passe solides et vie privée : comment vous protéger, vous et vos données.",
      de: 'Phishing-Mails, gefälschte SMS, sichere Passwörter und Privatsphäre: So schützen Sie sich und Ihre Daten.',
      en: 'Phishing e-mails, fake text messages, strong passwords and privacy: how to protect yourself and your data.',
      pt: 'E-mails de phishing, SMS falsos, palavras-passe seguras e privacidade: como se proteger a si e aos seus dados.',
    },
    easy: {
      de: 'Sie lernen: So sind Sie im Internet sicher. So erkennen Sie Betrug.',
      fr: 'Vous apprenez à être en sécurité sur internet. Vous apprenez à reconnaître les arnaques.',
    },
  },
  digital_culture: {
    name: {
      lb: 'Déi digital Welt verstoen',
      fr: 'Comprendre le monde numérique',
      de: 'Die digitale Welt verstehen',
      en: 'Understanding the digital world',
      pt: 'Compreender o mundo digital',
    },
    description: {
      lb: 'Wat ass eng Cloud, wéi funktionéiert eng Sichmaschinn, wat ass kënschtlech Intelligenz? Mir schwätzen a Rou driwwer.',
      fr: "Qu'est-ce que le cloud, comment fonctionne un moteur de recherche, qu'est-ce que l'intelligence artificielle ? Nous en parlons tranquillement.",
      de: 'Was ist eine Cloud, wie funktioniert eine Suchmaschine, was ist künstliche Intelligenz? Wir sprechen in Ruhe darüber.',
      en: 'What is the cloud, how does a search engine work, what is artificial intelligence? We talk it through calmly.',
      pt: 'O que é a nuvem, como funciona um motor de pesquisa, o que é a inteligência artificial? Conversamos sobre isso com calma.',
    },
    easy: {
      de: 'Wir erklären das Internet. Wir erklären neue Wörter. Sie dürfen alles fragen.',
      fr: 'Nous expliquons internet. Nous expliquons les mots nouveaux. Vous pouvez tout demander.',
    },
  },
  digital_citizenship: {
    name: {
      lb: 'Informatioun, Fake News a matmaachen',
      fr: 'Information, fausses nouvelles et participation',
      de: 'Information, Falschmeldungen und Mitbestimmung',
      en: 'News, fake news and taking part',
      pt: 'Informação, notícias falsas e participação',
    },
    description: {
      lb: 'Noriichten iwwerpréiwen, Fake News erkennen a sech online an der Gemeng abréngen.',
      fr: 'Vérifier une information, reconnaître les fausses nouvelles et participer en ligne à la vie de sa commune.',
      de: 'Nachrichten prüfen, Falschmeldungen erkennen und sich online in der Gemeinde einbringen.',
      en: "Checking the news, recognising fake news and taking part in your commune's life online.",
      pt: 'Verificar notícias, reconhecer notícias falsas e participar online na vida do seu município.',
    },
    easy: {
      de: 'Sie lernen: Welche Nachrichten sind wahr? Welche Nachrichten sind falsch?',
      fr: 'Vous apprenez : quelles informations sont vraies ? Quelles informations sont fausses ?',
    },
  },
  job_search: {
    name: {
      lb: 'Online no Aarbecht sichen',
      fr: 'Chercher un emploi en ligne',
      de: 'Online Arbeit suchen',
      en: 'Looking for work online',
      pt: 'Procurar emprego online',
    },
    description: {
      lb: 'De CV um Computer schreiwen, Aarbechtsofferen vun der ADEM online fannen, eng Kandidatur per E-Mail schécken an sech op en Entretien per Video virbereeden.',
      fr: "Rédiger son CV à l'ordinateur, trouver les offres de l'ADEM en ligne, envoyer une candidature par e-mail et se préparer à un entretien en visio.",
      de: 'Lebenslauf am Computer schreiben, Stellenangebote der ADEM online finden, eine Bewerbung per E-Mail schicken und sich auf ein Videogespräch vorbereiten.',
      en: 'Writing your CV on a computer, finding ADEM job offers online, applying by e-mail and preparing for a video interview.',
      pt: 'Escrever o currículo no computador, encontrar as ofertas da ADEM online, candidatar-se por e-mail e preparar uma entrevista por vídeo.',
    },
    easy: {
      de: 'Sie suchen Arbeit? Wir helfen Ihnen. Zum Beispiel: Lebenslauf am Computer schreiben.',
      fr: "Vous cherchez un travail ? Nous vous aidons. Par exemple : écrire votre CV à l'ordinateur.",
    },
  },
  entrepreneurship: {
    name: {
      lb: 'Digital Hëllefsmëttele fir Äre klenge Betrib',
      fr: 'Outils numériques pour votre petite entreprise',
      de: 'Digitale Werkzeuge für Ihr Kleinunternehmen',
      en: 'Digital tools for your small business',
      pt: 'Ferramentas digitais para o seu pequeno negócio',
    },
    description: {
      lb: 'Eng einfach Websäit, Rechnungen um Computer a sozial Netzwierker fir Är Aktivitéit: praktesch Tipps fir unzefänken.',
      fr: 'Un site web simple, des factures à l’ordinateur et les réseaux sociaux pour votre activité : des conseils pratiques pour débuter.',
      de: 'Eine einfache Website, Rechnungen am Computer und soziale Netzwerke für Ihre Tätigkeit: praktische Tipps für den Einstieg.',
      en: 'A simple website, invoices on the computer and social media for your business: practical tips for beginners.',
      pt: 'Um site simples, faturas no computador e redes sociais para a sua atividade: dicas práticas para começar.',
    },
    easy: {
      de: 'Sie haben eine kleine Firma? Sie lernen: Computer-Programme für Ihre Arbeit.',
      fr: 'Vous avez une petite entreprise ? Vous apprenez des programmes utiles pour votre travail.',
    },
  },
  parenting: {
    name: {
      lb: 'Elteren an Ecranen',
      fr: 'Parents et écrans',
      de: 'Eltern und Bildschirme',
      en: 'Parents and screens',
      pt: 'Pais e ecrãs',
    },
    description: {
      lb: 'Wéi vill Ecran ass gutt? Elterekontroll, sozial Netzwierker a Gaming: Informatiounsowend fir Elteren, mat Zäit fir Är Froen.',
      fr: "Combien d'écran, c'est raisonnable ? Contrôle parental, réseaux sociaux et jeux vidéo : soirée d'information pour les parents, avec du temps pour vos questions.",
      de: 'Wie viel Bildschirmzeit ist gut? Jugendschutz-Einstellungen, soziale Netzwerke und Gaming: Infoabend für Eltern mit Zeit für Ihre Fragen.',
      en: 'How much screen time is right? Parental controls, social media and gaming: an information evening for parents, with time for your questions.',
      pt: 'Quanto tempo de ecrã é razoável? Controlo parental, redes sociais e jogos: sessão informativa para pais, com tempo para as suas perguntas.',
    },
    easy: {
      de: 'Für Eltern: Wie lange dürfen Kinder am Handy sein? Wir sprechen darüber.',
      fr: 'Pour les parents : combien de temps les enfants peuvent-ils utiliser un écran ? Nous en parlons.',
    },
  },
  creative_digital: {
    name: {
      lb: 'Fotoen, Videoen a Musek',
      fr: 'Photos, vidéos et musique',
      de: 'Fotos, Videos und Musik',
      en: 'Photos, videos and music',
      pt: 'Fotografias, vídeos e música',
    },
    description: {
      lb: "Fotoe sortéieren, e klenge Film schneiden oder e Fotobuch fir d'Famill gestalten: kreativ mam Computer an dem Handy.",
      fr: 'Trier ses photos, monter un petit film ou créer un livre photo pour la famille : créatif avec l’ordinateur et le téléphone.',
      de: 'Fotos ordnen, einen kleinen Film schneiden oder ein Fotobuch für die Familie gestalten: kreativ mit Computer und Handy.',
      en: 'Sorting your photos, editing a short film or making a photo book for the family: getting creative with computer and phone.',
      pt: 'Organizar fotografias, editar um pequeno filme ou criar um álbum para a família: criatividade com o computador e o telemóvel.',
    },
    easy: {
      de: 'Sie machen Fotos und Videos. Sie lernen: Fotos ordnen und Filme machen.',
      fr: 'Vous faites des photos et des vidéos. Vous apprenez à ranger les photos et à faire des films.',
    },
  },
  coding: {
    name: {
      lb: 'Coding-Club',
      fr: 'Club de code',
      de: 'Coding-Club',
      en: 'Coding club',
      pt: 'Clube de programação',
    },
    description: {
      lb: 'Mat Scratch, Robotteren a micro:bit programméiere léieren, spilleresch an a klenge Gruppen.',
      fr: 'Apprendre à programmer avec Scratch, des robots et des micro:bit, de façon ludique et en petits groupes.',
      de: 'Programmieren lernen mit Scratch, Robotern und micro:bit, spielerisch und in kleinen Gruppen.',
      en: 'Learn to program with Scratch, robots and micro:bit, playfully and in small groups.',
      pt: 'Aprender a programar com Scratch, robôs e micro:bit, de forma lúdica e em pequenos grupos.',
    },
    easy: {
      de: 'Kinder lernen programmieren. Das macht Spaß.',
      fr: 'Les enfants apprennent à programmer. C’est amusant.',
    },
  },
};
