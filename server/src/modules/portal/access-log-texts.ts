// What a resident reads in "Wie heeft mijn dossier bekeken?": a plain text for every audit action
// that can be about a resident, in Dutch and English. This is the one list: the portal shows the
// texts the API gives (`what`, `whatEn`) and keeps none of its own, so that a new action cannot be
// translated on one side and show its code on the other. A new action in AuditAction needs a text
// here, or a place in NEVER_ABOUT_A_RESIDENT when it concerns no resident by its nature;
// access-log-texts.test.ts fails until it has one, and fails when an action of that list is
// written with a resident after all.
import type { AuditAction } from '../../platform/audit.js';

/** Actions about the organisation, staff, money or configuration: their rows name no resident. */
export const NEVER_ABOUT_A_RESIDENT = [
  'auth.password_change', // staff only: residents cannot change their password yet
  'auth.oidc_login', // staff only: the municipality's identity provider
  'sign_in_settings.read',
  'sign_in_settings.update',
  'staff.list',
  'staff.read',
  'staff.create',
  'staff.update',
  'work_budget.set',
  'execution_budget.set',
  'report.monitor', // aggregates only
  'volunteer.create',
  'volunteer.update',
  'group.list',
  'group.create',
  'group.update',
  'item.create',
  'privacy_alert.list', // about staff members' access, not about a resident
  'privacy_alert.review',
  'privacy_settings.read',
  'privacy_settings.update',
  'postcode_table.import',
  'price.create',
  'price.update',
  'assumption.create',
  'assumption.update',
  'inhabitants.import',
  'business_case.read',
  'business_case.export',
] as const satisfies readonly AuditAction[];

type ResidentAction = Exclude<AuditAction, (typeof NEVER_ABOUT_A_RESIDENT)[number]>;

interface Text {
  nl: string;
  en: string;
}

/** Read as "<who> (<role>) <text>" or "U zelf <text>": a verb phrase in the past tense. */
export const ACCESS_LOG_TEXTS: Record<ResidentAction, Text> = {
  'auth.login': { nl: 'logde in', en: 'signed in' },
  'auth.logout': { nl: 'logde uit', en: 'signed out' },
  'auth.second_factor': {
    nl: 'voerde een extra inlogcode in',
    en: 'entered an extra sign-in code',
  },
  'auth.second_factor_enrol': {
    nl: 'zette een extra inlogcode aan',
    en: 'turned on an extra sign-in code',
  },
  'auth.second_factor_reset': {
    nl: 'zette de extra inlogcode uit',
    en: 'turned off the extra sign-in code',
  },
  'household.read': { nl: 'bekeek uw huishouden', en: 'viewed your household' },
  'household.search': { nl: 'zocht in de huishoudens', en: 'searched the households' },
  'household.create': { nl: 'legde uw huishouden vast', en: 'recorded your household' },
  'resident.create': { nl: 'legde uw gegevens vast', en: 'recorded your details' },
  'household.update': {
    nl: 'wijzigde het adres van uw huishouden',
    en: "changed your household's address",
  },
  'resident.update': {
    nl: 'wijzigde gegevens van uw huishouden',
    en: "changed details of your household's members",
  },
  'resident.match': {
    nl: 'keek of u al bekend was',
    en: 'checked whether you were already known',
  },
  'registration.create': { nl: 'legde uw aanmelding vast', en: 'recorded your registration' },
  'registration.list': {
    nl: 'zag uw aanmelding in een lijst',
    en: 'saw your registration in a list',
  },
  'registration.read': { nl: 'bekeek uw aanmelding', en: 'viewed your registration' },
  'registration.first_contact': {
    nl: 'legde het eerste contact vast',
    en: 'recorded the first contact',
  },
  'registration.resident': {
    nl: 'legde vast dat uw aanmelding over u gaat',
    en: 'recorded that your registration is about you',
  },
  'registration.triage': {
    nl: 'besloot over uw aanmelding (triage)',
    en: 'decided on your registration (triage)',
  },
  'trajectory.create': { nl: 'opende uw traject', en: 'opened your trajectory' },
  'trajectory.list': { nl: 'zag uw traject in een lijst', en: 'saw your trajectory in a list' },
  'trajectory.read': { nl: 'bekeek uw traject', en: 'viewed your trajectory' },
  'trajectory.update': { nl: 'wijzigde uw traject', en: 'changed your trajectory' },
  'trajectory.close': { nl: 'sloot uw traject af', en: 'closed your trajectory' },
  'contact.create': {
    nl: 'schreef een contactmoment in het journaal',
    en: 'wrote a contact in the journal',
  },
  'contact.list': { nl: 'bekeek het journaal', en: 'viewed the journal' },
  'case_conference.create': {
    nl: 'legde een casuïstiekbespreking over uw situatie vast',
    en: 'recorded a case conference about your situation',
  },
  'case_conference.list': {
    nl: 'bekeek de casuïstiekbesprekingen',
    en: 'viewed the case conferences',
  },
  'plan.read': { nl: 'bekeek uw krachtplan', en: 'viewed your plan' },
  'plan.save': { nl: 'wijzigde uw krachtplan', en: 'changed your plan' },
  'plan.agreement': {
    nl: 'legde uw akkoord op het plan vast',
    en: 'recorded your agreement with the plan',
  },
  'assessment.create': { nl: 'legde een meting vast', en: 'recorded a measurement' },
  'assessment.list': { nl: 'bekeek uw metingen', en: 'viewed your measurements' },
  'assessment.due_list': {
    nl: 'zag in een lijst dat er een meting met u gepland staat',
    en: 'saw in a list that a measurement with you is due',
  },
  'work_budget.request': {
    nl: 'vroeg werkbudget aan voor uw traject',
    en: 'requested work budget for your trajectory',
  },
  // A list of requests, or the year-end evaluation (where the case has no name).
  'work_budget.list': {
    nl: 'zag een aanvraag voor werkbudget voor uw traject in een overzicht',
    en: 'saw a work budget request for your trajectory in an overview',
  },
  'work_budget.approve': {
    nl: 'keurde een aanvraag voor werkbudget voor uw traject goed',
    en: 'approved a work budget request for your trajectory',
  },
  'work_budget.reject': {
    nl: 'wees een aanvraag voor werkbudget voor uw traject af',
    en: 'turned down a work budget request for your trajectory',
  },
  'work_budget.pay': {
    nl: 'legde een betaling uit het werkbudget voor uw traject vast',
    en: 'recorded a payment from the work budget for your trajectory',
  },
  'work_budget.correct': {
    nl: 'corrigeerde een betaling uit het werkbudget voor uw traject',
    en: 'corrected a payment from the work budget for your trajectory',
  },
  'work_budget.return': {
    nl: 'legde vast wat het werkbudget voor uw traject opleverde',
    en: 'recorded what the work budget achieved for your trajectory',
  },
  'volunteer.list': {
    nl: 'bekeek wat u voor anderen wilt doen',
    en: 'viewed what you offer to do for others',
  },
  'volunteer.match': {
    nl: 'zocht een vrijwilliger voor uw traject',
    en: 'looked for a volunteer for your trajectory',
  },
  'volunteer_match.create': {
    nl: 'koppelde een vrijwilliger aan uw traject',
    en: 'matched a volunteer to your trajectory',
  },
  'volunteer_match.list': {
    nl: 'bekeek de vrijwilligers bij uw traject',
    en: 'viewed the volunteers of your trajectory',
  },
  'volunteer_match.end': {
    nl: 'beëindigde de hulp van een vrijwilliger',
    en: 'ended the help of a volunteer',
  },
  'volunteer.tasks': {
    nl: 'las als vrijwilliger de taak bij u',
    en: 'read, as a volunteer, the task with you',
  },
  'resident_offer.create': {
    nl: 'legde vast wat u voor anderen wilt doen',
    en: 'recorded what you offer to do for others',
  },
  'group.read': { nl: 'bekeek een groep waaraan u meedoet', en: 'viewed a group you take part in' },
  'group.sign_up': { nl: 'schreef u in voor een groep', en: 'signed you up for a group' },
  'group.leave': { nl: 'schreef u uit bij een groep', en: 'took you off a group' },
  'group.attendance': {
    nl: 'legde uw aanwezigheid bij een groep vast',
    en: 'recorded your attendance at a group',
  },
  'item.list': {
    nl: 'zag wat u leent in de lijst van de uitleenpool',
    en: 'saw what you borrow in the list of the item pool',
  },
  'item.loan': {
    nl: 'leende u iets uit de uitleenpool',
    en: 'lent you something from the item pool',
  },
  'item.return': {
    nl: 'legde vast dat u iets terugbracht',
    en: 'recorded that you brought something back',
  },
  'item.cancel': {
    nl: 'annuleerde een reservering uit de uitleenpool voor u',
    en: 'cancelled a reservation from the item pool for you',
  },
  'portal.invite': { nl: 'nodigde u uit voor het portaal', en: 'invited you to the portal' },
  'portal.second_factor_reset': {
    nl: 'zette uw extra inlogcode uit',
    en: 'turned off your extra sign-in code',
  },
  'portal.deactivate': {
    nl: 'zette uw portaalaccount uit',
    en: 'turned off your portal account',
  },
  'portal.activate': { nl: 'activeerde uw portaal', en: 'activated your portal' },
  'portal.read': { nl: 'opende het portaal', en: 'opened the portal' },
  'portal.message': { nl: 'stuurde een bericht', en: 'sent a message' },
  'audit.read': {
    nl: 'bekeek wie uw dossier heeft ingezien (controle op de toegang)',
    en: 'checked who looked at your file (an access check)',
  },
  'resident.export': {
    nl: 'maakte een inzage-export van uw dossier (uw recht op inzage)',
    en: 'made an export of your file (your right of access)',
  },
  'break_glass.open': {
    nl: 'opende uw dossier in een noodsituatie, van buiten het eigen team',
    en: 'opened your file in an emergency, from outside their own team',
  },
  'retention.list': {
    nl: 'zag uw dossier in de lijst van bewaartermijnen',
    en: 'saw your file in the list of retention periods',
  },
  'erasure.request': {
    nl: 'legde een verzoek vast om uw gegevens te wissen',
    en: 'recorded a request to erase your data',
  },
  'erasure.lookup': {
    nl: 'zocht u op voor een verzoek om wissen',
    en: 'looked you up for an erasure request',
  },
  'erasure.list': {
    nl: 'zag het verzoek om wissen in een lijst',
    en: 'saw the erasure request in a list',
  },
  'erasure.erase': { nl: 'wiste uw gegevens', en: 'erased your data' },
  'erasure.refuse': { nl: 'wees het verzoek om wissen af', en: 'refused the erasure request' },
  'referral.create': { nl: 'maakte een verwijzing voor u', en: 'made a referral for you' },
  'referral.list': { nl: 'bekeek de verwijzingen', en: 'viewed the referrals' },
  'referral.read': {
    nl: 'las een verwijzing (met uw toestemming)',
    en: 'read a referral (with your consent)',
  },
  'referral.answer': { nl: 'beantwoordde een verwijzing', en: 'answered a referral' },
  'referral.close': { nl: 'sloot een verwijzing af', en: 'closed a referral' },
  'signal.import': { nl: 'las een lijst met signalen in', en: 'imported a list of signals' },
  'signal.list': {
    nl: 'zag een signaal over u in een lijst',
    en: 'saw a signal about you in a list',
  },
  'signal.outreach': {
    nl: 'legde een bezoek na een signaal vast',
    en: 'recorded a visit after a signal',
  },
  'signal.to_registration': {
    nl: 'maakte van een signaal een aanmelding',
    en: 'turned a signal into a registration',
  },
  'resident_message.list': {
    nl: 'bekeek uw berichten aan het buurtteam',
    en: 'viewed your messages to the team',
  },
  'resident_message.read': {
    nl: 'las uw bericht en zette het op gelezen',
    en: 'read your message and marked it read',
  },
  'access.refused': { nl: 'vroeg uw dossier op', en: 'asked for your file' },
};

/** How it ended, when not as asked (a wrong code, a refused request). */
const RESULT_TEXTS: Record<string, Text> = {
  failure: { nl: 'mislukt', en: 'failed' },
  denied: { nl: 'geweigerd', en: 'refused' },
  not_found: { nl: 'niet gevonden', en: 'not found' },
};

/** The texts of one row of the access log. */
export function accessLogText(action: string, result: string): Text {
  const text: Text = (ACCESS_LOG_TEXTS as Record<string, Text | undefined>)[action] ?? {
    // Only for a row whose action has since left AuditAction: honest, if not plain.
    nl: `deed iets met uw dossier (vastgelegd als ‘${action}’)`,
    en: `did something with your file (recorded as ‘${action}’)`,
  };
  const outcome = RESULT_TEXTS[result];
  return outcome ? { nl: `${text.nl} (${outcome.nl})`, en: `${text.en} (${outcome.en})` } : text;
}

/**
 * The reason a resident reads: only the one a person wrote for this file, as the why of this very
 * access: the break-the-glass reason (a worker of another team opened the household in an
 * emergency; at least 20 characters, "noem de situatie, niet meer gegevens dan nodig"). It is
 * shown to each member of the household. This is the one rule for both places a resident reads
 * their access log: the portal (portal.service.ts) and the right-of-access export, JSON and HTML
 * (privacy.service.ts), so that the two cannot drift apart. Every other stored reason is written
 * by the code and is no why a resident can use, and some hold another person's data: a plan read's
 * "version 3", the privacy officer's audit read's filters (with the id of the staff member whose
 * reads were checked), an erasure lookup's search terms (a family name and birth date, which may
 * match others). Their meaning is in the text instead ("controle op de toegang", "uw recht op
 * inzage").
 */
export function reasonForResident(action: string, reason: string | null): string | null {
  return action === 'break_glass.open' ? reason : null;
}
