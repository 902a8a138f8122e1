// The right of access in a readable form: one HTML document in plain Dutch that the browser can
// print to PDF (a print stylesheet is included). It shows exactly what the JSON export holds:
// every section of EXPORTED_TABLES, every row, every field (a test checks each section).
import { accessLogText } from '../portal/access-log-texts.js';

/** Plain Dutch headings and a line of explanation per section of the export. */
export const SECTION_TITLES: Record<string, { title: string; about: string }> = {
  residents: { title: 'Uw persoonsgegevens', about: 'Naam, geboortedatum en contactgegevens.' },
  households: { title: 'Uw huishouden en adres', about: 'Het adres en het team dat u helpt.' },
  registrations: { title: 'Aanmeldingen', about: 'Wanneer en hoe u bent aangemeld, en uw vraag.' },
  trajectories: { title: 'Trajecten', about: 'De begeleiding: wanneer begonnen, gestopt en hoe.' },
  trajectory_events: { title: 'Wijzigingen in het traject', about: 'Wie wat veranderde.' },
  plan_versions: { title: 'Versies van uw plan', about: 'Elke opgeslagen versie van het plan.' },
  plan_actions: { title: 'Acties in uw plan', about: 'Wat er gedaan wordt, door wie en wanneer.' },
  network_members: { title: 'Uw netwerk', about: 'De mensen om u heen in het plan.' },
  contacts: { title: 'Contacten en journaal', about: 'Gesprekken, huisbezoeken en notities.' },
  case_conferences: { title: 'Casusoverleggen', about: 'Overleggen over uw situatie.' },
  referrals: { title: 'Verwijzingen', about: 'Naar wie u bent verwezen, met uw toestemming.' },
  signals: { title: 'Signalen', about: 'Meldingen van bijvoorbeeld een betaalachterstand.' },
  assessments: { title: 'Metingen', about: 'Metingen zoals de zelfredzaamheidsmatrix.' },
  assessment_scores: { title: 'Scores van de metingen', about: 'De scores per onderdeel.' },
  work_budget_requests: {
    title: 'Besluiten werkbudget',
    about: 'Aanvragen, besluiten en betalingen uit het werkbudget.',
  },
  work_budget_returns: { title: 'Terugbetalingen werkbudget', about: 'Wat is terugbetaald.' },
  resident_invitations: { title: 'Uitnodigingen voor het portaal', about: 'Wanneer uitgenodigd.' },
  resident_accounts: { title: 'Uw account op het portaal', about: 'Uw inlognaam.' },
  resident_sessions: { title: 'Uw keren ingelogd', about: 'Wanneer u op het portaal was.' },
  resident_messages: { title: 'Uw berichten', about: 'Wensen en opmerkingen die u stuurde.' },
  audit_events: {
    title: 'Wie uw dossier bekeek of wijzigde',
    about:
      'Het toegangslogboek: wie, in welke rol, wat en wanneer; bij toegang in een noodsituatie ook waarom.',
  },
  audit_reads_by_hour: {
    title: 'Wie uw dossier bekeek, per uur',
    about:
      'Dezelfde keren inzien als in het toegangslogboek, per medewerker, dag en uur geteld: zo controleert de privacyfunctionaris ongewone toegang.',
  },
  volunteer_matches: { title: 'Koppelingen met vrijwilligers', about: 'Hulp van vrijwilligers.' },
  resident_offers: { title: 'Wat u zelf aanbiedt', about: 'Uw aanbod aan anderen in de buurt.' },
  group_participants: {
    title: 'Groepen waar u aan meedoet',
    about: 'Uw plaats (of wachtplek) in een groep van het team, zoals een koffieochtend.',
  },
  group_attendance: {
    title: 'Aanwezigheid bij groepsbijeenkomsten',
    about: 'Of u bij een bijeenkomst van een groep was.',
  },
  resident_second_factors: {
    title: 'Uw tweestapsverificatie',
    about: 'Wanneer u een tweede stap bij het inloggen instelde (de geheime sleutel zelf niet).',
  },
  sign_in_challenges: {
    title: 'Inlogpogingen met een tweede stap',
    about: 'Wanneer u bij het inloggen om een code werd gevraagd, en of dat lukte.',
  },
  item_loans: {
    title: 'Geleende hulpmiddelen',
    about: 'Wat u van de uitleenpool leende, van wanneer tot wanneer.',
  },
  signal_imports: { title: 'Lijsten met signalen', about: 'Wanneer een signaal binnenkwam.' },
  break_glass_grants: {
    title: 'Toegang in een noodsituatie',
    about: 'Medewerkers van een ander team die uw dossier mochten inzien, en waarom.',
  },
  erasure_cases: {
    title: 'Verzoeken en besluiten over verwijderen',
    about: 'Uw verzoeken om gegevens te wissen en de bewaartermijn.',
  },
};

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '<span class="leeg">—</span>';
  if (value instanceof Date) return escapeHtml(dateTime.format(value));
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'object') {
    return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
  }
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'bigint') return escapeHtml(value.toString());
  return '';
}

/**
 * An action of the access log as the portal says it ("bekeek het huishouden"), with the code the
 * JSON export holds beside it: the resident reads what happened, and the two exports still match.
 */
function actionValue(action: string): string {
  return `${escapeHtml(accessLogText(action, 'success').nl)} <span class="leeg">(${escapeHtml(action)})</span>`;
}

/** Field names in Dutch where a plain word exists; others keep their technical name. */
const FIELD_NAMES: Record<string, string> = {
  given_name: 'voornaam',
  family_name: 'achternaam',
  birth_date: 'geboortedatum',
  bsn_hash: 'BSN',
  bsn_masked: 'BSN (gemaskeerd)',
  phone: 'telefoon',
  email: 'e-mail',
  postcode: 'postcode',
  house_number: 'huisnummer',
  street: 'straat',
  city: 'plaats',
  created_at: 'aangemaakt op',
  updated_at: 'gewijzigd op',
  at: 'moment',
  actor_role: 'rol',
  actor_name: 'door',
  staff_name: 'medewerker',
  action: 'handeling',
  reason: 'reden',
  result: 'resultaat',
  status: 'status',
  note: 'notitie',
  question: 'vraag',
  description: 'omschrijving',
};

export function renderExportHtml(
  exported: { generatedAt: string; residentId: string; tables: Record<string, unknown[]> },
  subject: { name: string },
): string {
  const sections = Object.entries(exported.tables).map(([table, rows]) => {
    const heading = SECTION_TITLES[table] ?? { title: table, about: '' };
    const body =
      rows.length === 0
        ? '<p class="geen">Hierover is niets vastgelegd.</p>'
        : rows
            .map((row, index) => {
              const fields = Object.entries(row as Record<string, unknown>)
                .map(
                  ([name, value]) =>
                    `<tr><th scope="row">${escapeHtml(FIELD_NAMES[name] ?? name)}</th><td>${
                      name === 'action' && typeof value === 'string'
                        ? actionValue(value)
                        : formatValue(value)
                    }</td></tr>`,
                )
                .join('');
              return `<table><caption>${escapeHtml(heading.title)}, ${index + 1} van ${rows.length}</caption><tbody>${fields}</tbody></table>`;
            })
            .join('');
    return `<section id="sectie-${escapeHtml(table)}" data-table="${escapeHtml(table)}">
<h2>${escapeHtml(heading.title)} <span class="aantal">(${rows.length})</span></h2>
<p class="uitleg">${escapeHtml(heading.about)}</p>
${body}
</section>`;
  });
  const generated = dateTime.format(new Date(exported.generatedAt));
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inzage in uw gegevens – ${escapeHtml(subject.name)}</title>
<style>
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.75rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #154273; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; margin: 0.75rem 0; }
  caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
  th, td { border: 1px solid #b3b3b3; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  th { width: 14rem; background: #f3f3f3; font-weight: 600; }
  pre { white-space: pre-wrap; margin: 0; font-size: 0.85rem; }
  .leeg, .geen, .uitleg { color: #4d4d4d; }
  nav ol { columns: 2; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10pt; }
    nav, .niet-afdrukken { display: none; }
    section { break-inside: auto; } table { break-inside: avoid; } h2 { break-after: avoid; }
    a { color: inherit; text-decoration: none; }
  }
</style>
</head>
<body>
<header>
<h1>Inzage in uw gegevens</h1>
<p>Dit overzicht laat alles zien wat het sociaal team over <strong>${escapeHtml(subject.name)}</strong> heeft vastgelegd, zoals de AVG (artikel 15) u het recht geeft te zien. Gemaakt op ${escapeHtml(generated)}.</p>
<p class="niet-afdrukken">Afdrukken of als PDF bewaren: gebruik Afdrukken in uw browser (Ctrl+P).</p>
</header>
<nav aria-label="Inhoud"><h2>Inhoud</h2><ol>
${Object.entries(exported.tables)
  .map(
    ([table, rows]) =>
      `<li><a href="#sectie-${escapeHtml(table)}">${escapeHtml((SECTION_TITLES[table] ?? { title: table }).title)}</a> (${rows.length})</li>`,
  )
  .join('\n')}
</ol></nav>
<main>
${sections.join('\n')}
</main>
<footer><p>Klopt er iets niet, of wilt u dat gegevens worden gewist? Vraag het uw contactpersoon of de privacyfunctionaris van de gemeente.</p></footer>
</body>
</html>`;
}
