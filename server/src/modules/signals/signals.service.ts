// Signals: import a partner's list, route each line to the team whose household or area it
// belongs to, follow up with an outreach visit, and turn a reached household into a registration.
import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, setScope, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { open, seal } from '../../platform/secret-box.js';
import { caseScopeOf, writeScopeFor } from '../organisation/team-scope.js';
import { organisations, staff, teams } from '../organisation/organisation.repository.js';
import { formatPostcode } from '../households/identifiers.js';
import { settleResident } from '../households/households.service.js';
import { households } from '../households/households.repository.js';
import type { ResidentInput } from '../households/households.schemas.js';
import { registrations } from '../registrations/registrations.repository.js';
import type { SignalStatus } from '../../db/schema.js';
import { CsvHeaderError, readSignalCsv, type SignalLine } from './signal-lines.js';
import {
  signals,
  type KnownAddress,
  type SignalKeyset,
  type UnknownSenderSignal,
} from './signals.repository.js';
import type { Signal } from './signals.schemas.js';

const INSERT_BATCH = 1000;

const addressKey = (a: {
  postcode: string | null;
  houseNumber: number | null;
  houseLetter: string | null;
  addition: string | null;
}) =>
  `${a.postcode}|${a.houseNumber}|${(a.houseLetter ?? '').toUpperCase()}|${(a.addition ?? '').toUpperCase()}`;

/** A household at the line's address; when the list names someone, one of its members must carry that name. */
function matchHousehold(line: SignalLine, candidates: KnownAddress[]): KnownAddress | null {
  const family = line.familyName?.toLowerCase();
  for (const household of candidates) {
    if (!family || household.family_names.length === 0) return household;
    if (household.family_names.some((name) => name.includes(family) || family.includes(name)))
      return household;
  }
  return null;
}

/**
 * The organisation that sent the list: a partner account's own; for a worker or team lead who
 * imports a list on a partner's behalf, the partner organisation of this municipality they name.
 */
async function senderOf(
  trx: Trx,
  ctx: ServiceContext,
  organisationId: string | undefined,
): Promise<string> {
  const { actor } = ctx;
  if (actor.role === 'partner') {
    const own = await staff.organisationOf(trx, actor.municipalityId, actor.staffId);
    if (!own) {
      throw new AppError('forbidden', {
        detail: {
          en: 'Your account belongs to no organisation, so a list you send would have no sender. Ask the functional administrator to link your account to your organisation.',
          nl: 'Uw account hoort bij geen organisatie, dus een lijst van u heeft geen afzender. Vraag de functioneel beheerder uw account aan uw organisatie te koppelen.',
        },
      });
    }
    if (organisationId !== undefined && organisationId !== own) {
      throw invalidField(
        'query.organisationId',
        'is not your own organisation: a partner sends its own lists',
        'is niet uw eigen organisatie: een partner stuurt alleen eigen lijsten',
      );
    }
    return own;
  }
  if (!organisationId || !(await organisations.find(trx, actor.municipalityId, organisationId))) {
    throw invalidField(
      'query.organisationId',
      'is not a partner organisation of this municipality',
      'is geen partnerorganisatie van deze gemeente',
    );
  }
  return organisationId;
}

/** A (kind, reference) of an unknown sender at the same address: the same case, sent again. */
const unknownSenderKey = (s: {
  kind: string;
  reference: string;
  postcode: string;
  houseNumber: number;
  houseLetter: string | null;
  addition: string | null;
}) => `${s.kind}|${s.reference}|${addressKey(s)}`;

export async function importSignals(
  ctx: ServiceContext,
  csv: string,
  query: { teamId?: string | undefined; organisationId?: string | undefined },
) {
  const { actor } = ctx;
  const teamId = query.teamId ?? actor.teamIds[0];
  if (!teamId) {
    throw invalidField(
      'query.teamId',
      'is required: you belong to no team',
      'is verplicht: u hoort bij geen team',
    );
  }
  if (actor.role !== 'partner' && !query.organisationId) {
    // Duplicates are counted per sender: without one, a list would be compared with nobody's.
    throw invalidField(
      'query.organisationId',
      'is required: name the partner organisation that sent the list',
      'is verplicht: kies de partnerorganisatie die de lijst stuurde',
    );
  }
  let parsed: ReturnType<typeof readSignalCsv>;
  try {
    parsed = readSignalCsv(csv);
  } catch (error) {
    if (error instanceof CsvHeaderError) {
      throw invalidField(
        '(body).header',
        `misses the column(s): ${error.missing.join(', ')}`,
        `mist de kolom(men): ${error.missing.join(', ')}`,
      );
    }
    throw error;
  }
  // The same (kind, reference) twice in one file (one sender) counts once.
  const seen = new Set<string>();
  const unique: SignalLine[] = [];
  let duplicates = 0;
  for (const line of parsed.lines) {
    const key = `${line.kind}|${line.reference}`;
    if (seen.has(key)) duplicates++;
    else {
      seen.add(key);
      unique.push(line);
    }
  }

  return inTenant(ctx.db, { municipalityId: actor.municipalityId, teamIds: [] }, async (trx) => {
    await writeScopeFor(trx, actor, teamId, 'query.teamId');
    const organisationId = await senderOf(trx, ctx, query.organisationId);
    // Routing a line to the right team is the server's work: it looks across the municipality's
    // teams, and the caller gets counts back, never another team's households.
    const allTeams = await teams.list(trx, actor.municipalityId);
    await setScope(trx, {
      municipalityId: actor.municipalityId,
      teamIds: allTeams.map((t) => t.id),
    });
    const teamByNeighbourhood = new Map<string, string>();
    for (const team of allTeams) {
      for (const code of team.neighbourhood_codes) {
        // Where teams overlap, the importing team keeps the lines of its own area.
        if (!teamByNeighbourhood.has(code) || team.id === teamId)
          teamByNeighbourhood.set(code, team.id);
      }
    }
    const postcodes = [...new Set(unique.map((l) => l.postcode))];
    const known = await signals.householdsAtAddresses(
      trx,
      actor.municipalityId,
      unique.map((l) => ({ postcode: l.postcode, houseNumber: l.houseNumber })),
    );
    const householdsByAddress = new Map<string, KnownAddress[]>();
    for (const h of known) {
      const key = addressKey({
        postcode: h.postcode,
        houseNumber: h.house_number,
        houseLetter: h.house_letter,
        addition: h.house_number_addition,
      });
      householdsByAddress.set(key, [...(householdsByAddress.get(key) ?? []), h]);
    }
    const postcodeRows = new Map<string, Awaited<ReturnType<typeof signals.postcodeRows>>>();
    for (const row of await signals.postcodeRows(trx, actor.municipalityId, postcodes)) {
      postcodeRows.set(row.postcode, [...(postcodeRows.get(row.postcode) ?? []), row]);
    }

    // A signal of before the sender was kept (organisation_id null) with the same kind, reference
    // and address is this case, sent before by this sender or another: a duplicate, as it was.
    // At another address it is another sender's case with the same number, and it is imported.
    const unknownSender = new Set(
      (
        await signals.unknownSenderSignals(
          trx,
          actor.municipalityId,
          unique.map((l) => ({ kind: l.kind, reference: l.reference })),
        )
      ).map((s: UnknownSenderSignal) =>
        unknownSenderKey({
          kind: s.kind,
          reference: s.reference,
          postcode: s.postcode,
          houseNumber: s.house_number,
          houseLetter: s.house_letter,
          addition: s.house_number_addition,
        }),
      ),
    );
    const fresh = unique.filter(
      (line) =>
        !unknownSender.has(
          unknownSenderKey({
            kind: line.kind,
            reference: line.reference,
            postcode: line.postcode,
            houseNumber: line.houseNumber,
            houseLetter: line.houseLetter,
            addition: line.houseNumberAddition,
          }),
        ),
    );

    const rows = fresh.map((line) => {
      const key = addressKey({
        postcode: line.postcode,
        houseNumber: line.houseNumber,
        houseLetter: line.houseLetter,
        addition: line.houseNumberAddition,
      });
      const household = matchHousehold(line, householdsByAddress.get(key) ?? []);
      const neighbourhoodCode =
        household?.neighbourhood_code ??
        postcodeRows
          .get(line.postcode)
          ?.find(
            (p) => p.house_number_from <= line.houseNumber && p.house_number_to >= line.houseNumber,
          )?.neighbourhood_code ??
        null;
      const routedTeam =
        household?.team_id ??
        (neighbourhoodCode ? teamByNeighbourhood.get(neighbourhoodCode) : undefined) ??
        teamId;
      return {
        ...line,
        id: newId(),
        teamId: routedTeam,
        householdId: household?.id ?? null,
        neighbourhoodCode,
      };
    });

    const importId = newId();
    const inserted: { id: string; household_id: string | null }[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      inserted.push(
        ...(await signals.insertNew(
          trx,
          actor.municipalityId,
          importId,
          organisationId,
          rows.slice(i, i + INSERT_BATCH),
        )),
      );
    }
    duplicates += unique.length - inserted.length;
    const matched = new Set(inserted.flatMap((r) => (r.household_id ? [r.household_id] : [])));
    // The stored signals are about the members of the households they matched: each one's
    // access log shows the import (a duplicate's was shown when it first came).
    const residentIds = known.flatMap((h) => (matched.has(h.id) ? h.member_ids : []));
    await signals.insertImport(trx, {
      municipalityId: actor.municipalityId,
      id: importId,
      teamId,
      importedBy: actor.staffId,
      organisationId,
      sha256: createHash('sha256').update(csv).digest('hex'),
      lines: parsed.total,
      imported: inserted.length,
      duplicates,
      rejected: parsed.rejected.length,
    });
    await audit(trx, ctx, {
      action: 'signal.import',
      objectType: 'signal_import',
      objectId: importId,
      residentIds,
      reason: `${inserted.length} imported, ${duplicates} duplicate, ${parsed.rejected.length} rejected`,
    });
    return {
      importId,
      lines: parsed.total,
      imported: inserted.length,
      ...(actor.role === 'partner' ? {} : { matchedHouseholds: matched.size }),
      duplicates,
      rejected: parsed.rejected,
    };
  });
}

type Row = Awaited<ReturnType<typeof signals.list>>[number];
const toSignal = (row: Row): Signal => ({
  id: row.id,
  teamId: row.team_id,
  kind: row.kind,
  reference: row.reference,
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  receivedAt: new Date(row.received_at).toISOString(),
  address: {
    postcode: formatPostcode(row.postcode),
    houseNumber: row.house_number,
    houseLetter: row.house_letter,
    houseNumberAddition: row.house_number_addition,
    street: null,
    city: null,
  },
  familyName: row.family_name,
  amountCents: row.amount_cents,
  note: row.note,
  householdId: row.household_id,
  neighbourhoodCode: row.neighbourhood_code,
  neighbourhoodName: row.neighbourhood_name,
  status: row.status,
  outreachAt: row.outreach_at?.toISOString() ?? null,
  registrationId: row.registration_id,
  version: row.version,
});

/**
 * The cursor holds the last row's sort keys, an address among them, sealed with the server's key
 * (secret-box): a URL with a cursor, in a browser's history or a proxy's log, shows no address,
 * and a cursor the server did not make is refused. It carries no team: the next page runs under
 * the caller's own scope and row-level security.
 */
function decodeSignalCursor(
  secretKey: string,
  cursor: string | undefined,
): SignalKeyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const keys = JSON.parse(open(secretKey, 'list-cursor', cursor).toString('utf8')) as unknown;
    if (Array.isArray(keys) && keys.length === 4) {
      const [postcode, houseNumber, receivedAt, id] = keys as unknown[];
      if (
        typeof postcode === 'string' &&
        /^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode) &&
        Number.isInteger(houseNumber) &&
        typeof receivedAt === 'string' &&
        /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(receivedAt) &&
        typeof id === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)
      ) {
        return { postcode, houseNumber: houseNumber as number, receivedAt, id };
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw invalidField(
    'query.cursor',
    'is not a cursor from a previous page of this list',
    'is geen cursor van een vorige pagina van deze lijst',
  );
}

const encodeSignalCursor = (secretKey: string, row: Row) =>
  seal(
    secretKey,
    'list-cursor',
    Buffer.from(JSON.stringify([row.postcode, row.house_number, row.received_at_key, row.id])),
  );

export function listSignals(
  ctx: ServiceContext,
  query: {
    status?: SignalStatus;
    teamId?: string;
    neighbourhoodCode?: string;
    cursor?: string;
    limit: number;
  },
): Promise<{ items: Signal[]; nextCursor: string | null }> {
  const after = decodeSignalCursor(ctx.config.secretKey, query.cursor);
  const scope = caseScopeOf(ctx.actor);
  const teamIds = query.teamId ? scope.teamIds.filter((t) => t === query.teamId) : scope.teamIds;
  return inTenant(ctx.db, scope, async (trx) => {
    // One row more than asked tells whether another page follows.
    const rows = await signals.list(trx, scope.municipalityId, teamIds, {
      ...(query.status ? { status: query.status } : {}),
      ...(query.neighbourhoodCode ? { neighbourhoodCode: query.neighbourhoodCode } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    await audit(trx, ctx, {
      action: 'signal.list',
      objectType: 'signal',
      reason: query.status ?? null,
      residentIds: page.flatMap((row) => row.member_ids),
    });
    const last = page.at(-1);
    return {
      items: page.map(toSignal),
      nextCursor:
        rows.length > query.limit && last ? encodeSignalCursor(ctx.config.secretKey, last) : null,
    };
  });
}

export function recordOutreach(
  ctx: ServiceContext,
  id: string,
  input: { at: string; outcome: Exclude<SignalStatus, 'open'> },
) {
  const scope = caseScopeOf(ctx.actor);
  const at = new Date(input.at);
  if (at.getTime() > Date.now() + 5 * 60_000) {
    throw invalidField('at', 'must not be in the future', 'mag niet in de toekomst liggen');
  }
  const alreadyRecorded = () =>
    new AppError('conflict', {
      detail: {
        en: 'The outreach of this signal was already recorded.',
        nl: 'Het outreachbezoek van dit signaal is al vastgelegd.',
      },
    });
  return inTenant(ctx.db, scope, async (trx) => {
    const [signal] = await signals.list(trx, scope.municipalityId, scope.teamIds, { id, limit: 1 });
    if (!signal) throw notFound();
    if (signal.status !== 'open') throw alreadyRecorded();
    const updated = await signals.recordOutreach(trx, scope.municipalityId, signal, {
      at,
      by: ctx.actor.staffId,
      status: input.outcome,
    });
    // Another visit's outcome was saved between the read above and this update (which waited for
    // that one's row locks and then found the signal no longer open): that one stands. Throwing
    // rolls back whatever this update did change, and no audit row is written.
    if (!updated.some((r) => r.id === id)) throw alreadyRecorded();
    // A signal matched to a known household is about its members: each access log shows the
    // visit, for every household whose signal the visit answered.
    const householdIds = [
      ...new Set(updated.flatMap((r) => (r.household_id ? [r.household_id] : []))),
    ];
    const members = await households.members(trx, scope.municipalityId, householdIds);
    await audit(trx, ctx, {
      action: 'signal.outreach',
      objectType: 'signal',
      objectId: id,
      residentIds: members.map((m) => m.id),
      reason: input.outcome,
    });
    return { updatedSignalIds: updated.map((r) => r.id), status: input.outcome };
  });
}

/** A household reached by outreach becomes a registration in one step (source: outreach). */
export function registerFromSignal(
  ctx: ServiceContext,
  id: string,
  input: { question: string; lifeDomains: string[]; resident?: ResidentInput | undefined },
) {
  const scope = caseScopeOf(ctx.actor);
  return inTenant(ctx.db, scope, async (trx) => {
    const [signal] = await signals.list(trx, scope.municipalityId, scope.teamIds, { id, limit: 1 });
    if (!signal) throw notFound();
    const notReached = () =>
      new AppError('conflict', {
        detail: {
          en: 'Only a household reached with support started can be registered from a signal.',
          nl: 'Alleen een bereikt huishouden waarbij hulp is gestart kan vanuit een signaal worden aangemeld.',
        },
      });
    if (signal.status !== 'reached_support_started') throw notReached();
    // One visit, one household, one registration: the visit answered every open signal at the
    // address, so all of them are locked, checked and linked together. A second request (a
    // second click, or a colleague from another of these signals) waits here and then finds the
    // registration the first one made.
    const visit = await signals.lockVisit(trx, scope.municipalityId, signal);
    if (!visit.some((s) => s.id === id)) throw notReached();
    if (visit.some((s) => s.registration_id !== null)) {
      throw new AppError('conflict', {
        detail: {
          en: 'This visit already led to a registration: the household at this address is registered. Open the registration from the outreach list.',
          nl: 'Dit bezoek heeft al tot een aanmelding geleid: het huishouden op dit adres is aangemeld. Open de aanmelding vanuit de outreachlijst.',
        },
      });
    }
    if (!signal.household_id && !input.resident) {
      throw invalidField(
        'resident',
        'is required: the signal matched no known household',
        'is verplicht: het signaal hoort bij geen bekend huishouden',
      );
    }
    const resident = input.resident
      ? {
          ...input.resident,
          address: input.resident.address ?? {
            postcode: signal.postcode,
            houseNumber: signal.house_number,
            ...(signal.house_letter ? { houseLetter: signal.house_letter } : {}),
            ...(signal.house_number_addition
              ? { houseNumberAddition: signal.house_number_addition }
              : {}),
          },
          ...(signal.neighbourhood_code && !input.resident.neighbourhoodCode
            ? { neighbourhoodCode: signal.neighbourhood_code }
            : {}),
        }
      : undefined;
    const settled = await settleResident(trx, ctx, signal.team_id, {
      householdId: signal.household_id ?? undefined,
      resident,
      confirmedNew: false,
    });
    if (!settled) throw invalidField('resident', 'is required', 'is verplicht');
    const registrationId = newId();
    const contactAt = signal.outreach_at ?? new Date();
    await registrations.insert(trx, {
      municipalityId: scope.municipalityId,
      id: registrationId,
      teamId: signal.team_id,
      householdId: settled.householdId,
      residentId: settled.residentId,
      source: 'outreach',
      receivedAt: contactAt,
      question: input.question,
      lifeDomains: [...new Set(input.lifeDomains)],
      createdBy: ctx.actor.staffId,
      signalId: id,
    });
    // The outreach visit was the first contact.
    await registrations.recordFirstContact(trx, scope.municipalityId, registrationId, {
      at: contactAt,
      kind: 'home_visit',
    });
    await signals.linkRegistration(
      trx,
      scope.municipalityId,
      visit.map((s) => s.id),
      registrationId,
      settled.householdId,
    );
    await audit(trx, ctx, {
      action: 'signal.to_registration',
      objectType: 'registration',
      objectId: registrationId,
      residentId: settled.residentId,
    });
    return {
      id: registrationId,
      status: 'contacted' as const,
      householdId: settled.householdId,
      residentId: settled.residentId,
      matchedExisting: settled.matchedExisting,
    };
  });
}
