// Values pages duplicate because they may only `import type` from outside miniprogram/: each must equal
// its source, and no page may import anything else from outside miniprogram/ at runtime.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { TEMPLATE_IDS } from '../../miniprogram/config';
import { STAFF_ROLE_NAMES } from '../../miniprogram/utils/staff';
import * as citizenPetition from '../../miniprogram/utils/petition-citizen';
import * as petitionContract from '../../typings/petition';
import * as citizenCases from '../../miniprogram/utils/cases';
import * as casesContract from '../../typings/cases';
import * as appointmentPages from '../../miniprogram/utils/appointments';
import { FULL_MESSAGE } from '../../cloudfunctions/cases/booking';
import {
  REPLY_LIMITS,
  SUGGESTION_LIMITS,
  SUGGESTION_STATUS_NAMES,
  SUGGESTION_TOPICS,
} from '../../miniprogram/utils/suggestion';
import { STAFF_ROLE_NAMES as CONTRACT_ROLE_NAMES } from '../../typings/contract';
import * as contract from '../../typings/supervision';
import * as liaisonPages from '../../miniprogram/utils/liaison';
import * as liaisonContract from '../../typings/liaison';

const root = join(__dirname, '..', '..');
const miniprogram = join(root, 'miniprogram');

describe('mirrored reference data', () => {
  test('When the contract lists suggestion topics, then the submit page offers exactly those', () => {
    expect([...SUGGESTION_TOPICS]).toEqual([...contract.SUGGESTION_TOPICS]);
  });

  test('When the contract limits a suggestion, then the page states the same limits', () => {
    expect(SUGGESTION_LIMITS).toEqual(contract.SUGGESTION_LIMITS);
  });

  test('When the contract names statuses, then the pages use the same names', () => {
    expect(SUGGESTION_STATUS_NAMES).toEqual(contract.SUGGESTION_STATUS_NAMES);
  });

  test('When the contract names staff roles, then the pages use the same names', () => {
    expect(STAFF_ROLE_NAMES).toEqual(CONTRACT_ROLE_NAMES);
  });

  test('When a reply is at the limits the page states, then the contract accepts it, and refuses one past them', () => {
    const reply = contract.supervision['suggestion.reply'].input;
    const ok = (n: number) => reply.safeParse({ id: 'sg1', content: '答'.repeat(n) }).success;
    expect(ok(REPLY_LIMITS.contentMin)).toBe(true);
    expect(ok(REPLY_LIMITS.contentMin - 1)).toBe(false);
    expect(ok(REPLY_LIMITS.contentMax)).toBe(true);
    expect(ok(REPLY_LIMITS.contentMax + 1)).toBe(false);
  });

  test('When config/templates.json names the reply template, then the mini program asks for the same id', () => {
    const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
    expect(TEMPLATE_IDS.suggestionReplied).toBe(templates.suggestionReplied.id);
  });
});

describe('mirrored petition data (citizen pages)', () => {
  test('When the contract names proxy relationships, sexes and satisfactions, then the citizen pages offer the same', () => {
    expect([...citizenPetition.PROXY_RELATIONSHIPS]).toEqual([
      ...petitionContract.PROXY_RELATIONSHIPS,
    ]);
    expect(citizenPetition.PROXY_RELATIONSHIP_NAMES).toEqual(
      petitionContract.PROXY_RELATIONSHIP_NAMES,
    );
    expect([...citizenPetition.SEXES]).toEqual([...petitionContract.SEXES]);
    expect(citizenPetition.SEX_NAMES).toEqual(petitionContract.SEX_NAMES);
    expect([...citizenPetition.SATISFACTIONS]).toEqual([...petitionContract.SATISFACTIONS]);
    expect(citizenPetition.SATISFACTION_NAMES).toEqual(petitionContract.SATISFACTION_NAMES);
  });

  test('When a review reason is at the page’s minimum, then the contract accepts it, and refuses one shorter', () => {
    const input = petitionContract.petition.requestReview.input;
    const ok = (n: number) => input.safeParse({ id: 'pt1', reason: '理'.repeat(n) }).success;
    expect(ok(citizenPetition.REVIEW_REASON_MIN)).toBe(true);
    expect(ok(citizenPetition.REVIEW_REASON_MIN - 1)).toBe(false);
  });

  test('When config/templates.json names the progress template, then the petition form asks for the same id', () => {
    const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
    expect(TEMPLATE_IDS.petitionProgress).toBe(templates.petitionProgress.id);
  });
});

describe('mirrored case data (case binding and procedure pages)', () => {
  test('When the contract names binding roles, their proofs and review statuses, then the case pages offer the same', () => {
    expect([...citizenCases.BINDING_ROLES]).toEqual([...casesContract.BINDING_ROLES]);
    expect(citizenCases.BINDING_ROLE_NAMES).toEqual(casesContract.BINDING_ROLE_NAMES);
    expect([...citizenCases.LAWYER_BINDING_ROLES]).toEqual([...casesContract.LAWYER_BINDING_ROLES]);
    expect(citizenCases.BINDING_PROOFS).toEqual(casesContract.BINDING_PROOFS);
    expect(citizenCases.REVIEW_STATUS_NAMES).toEqual(casesContract.REVIEW_STATUS_NAMES);
    expect(citizenCases.DISCLOSURE_LIMITS).toEqual(casesContract.DISCLOSURE_LIMITS);
  });

  test('When a binding note is at the page’s limit, then the contract accepts it, and refuses one longer', () => {
    const input = casesContract.cases['binding.request'].input;
    const ok = (n: number) =>
      input.safeParse({
        caseNumber: citizenCases.CASE_NUMBER_EXAMPLE,
        role: 'party',
        partyName: '张三',
        proofs: ['cloud://env.bucket/bindings/a.jpg'],
        note: '说'.repeat(n),
      }).success;
    expect(ok(citizenCases.BINDING_NOTE_MAX)).toBe(true);
    expect(ok(citizenCases.BINDING_NOTE_MAX + 1)).toBe(false);
  });

  test('When config/templates.json names the review result and case progress templates, then the case pages ask for the same ids', () => {
    const templates = JSON.parse(readFileSync(join(root, 'config', 'templates.json'), 'utf8'));
    expect(citizenCases.CASE_TEMPLATE_IDS.appointmentResult).toBe(templates.appointmentResult.id);
    expect(citizenCases.CASE_TEMPLATE_IDS.caseProgress).toBe(templates.caseProgress.id);
  });
});

describe('mirrored appointment data (booking, 我的预约 and 预约办理 pages)', () => {
  test('When the contract names appointment kinds and statuses, then the appointment pages offer the same', () => {
    expect([...appointmentPages.APPOINTMENT_TYPES]).toEqual([...casesContract.APPOINTMENT_TYPES]);
    expect(appointmentPages.APPOINTMENT_TYPE_NAMES).toEqual(casesContract.APPOINTMENT_TYPE_NAMES);
    expect([...appointmentPages.LAWYER_APPOINTMENT_TYPES]).toEqual([
      ...casesContract.LAWYER_APPOINTMENT_TYPES,
    ]);
    expect([...appointmentPages.APPOINTMENT_STATUSES]).toEqual([
      ...casesContract.APPOINTMENT_STATUSES,
    ]);
    expect(appointmentPages.APPOINTMENT_STATUS_NAMES).toEqual(
      casesContract.APPOINTMENT_STATUS_NAMES,
    );
    expect(appointmentPages.FULL_MESSAGE).toBe(FULL_MESSAGE);
  });

  test('When a note, a reason or a slot is at the limits the pages state, then the contract accepts it, and refuses one past them', () => {
    const L = appointmentPages.APPOINTMENT_LIMITS;
    const book = casesContract.cases.book.input;
    const note = (n: number) =>
      book.safeParse({ slotId: 'sl1', note: '事'.repeat(n), clientToken: 'token-123' }).success;
    expect(note(L.noteMin)).toBe(true);
    expect(note(L.noteMin - 1)).toBe(false);
    expect(note(L.noteMax)).toBe(true);
    expect(note(L.noteMax + 1)).toBe(false);

    const decide = casesContract.cases['appointments.decide'].input;
    const reason = (n: number) =>
      decide.safeParse({ id: 'ap1', confirm: false, reason: '因'.repeat(n) }).success;
    expect(reason(L.reasonMax)).toBe(true);
    expect(reason(L.reasonMax + 1)).toBe(false);

    const set = casesContract.cases['slots.set'].input;
    const day = (periods: { start: string; end: string; capacity: number }[]) =>
      set.safeParse({ type: 'meeting', day: '2030-01-07', periods }).success;
    const one = (capacity: number) => [{ start: '09:00', end: '10:00', capacity }];
    expect(day(one(L.capacityMin))).toBe(true);
    expect(day(one(L.capacityMin - 1))).toBe(false);
    expect(day(one(L.capacityMax))).toBe(true);
    expect(day(one(L.capacityMax + 1))).toBe(false);
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ start: '09:00', end: '10:00', capacity: i + 1 }));
    expect(day(many(L.periodsMax))).toBe(true);
    expect(day(many(L.periodsMax + 1))).toBe(false);
  });
});

describe('mirrored liaison data (deputies’, members’ and supervisors’ pages, 代表委员与监督员事项)', () => {
  test('When the contract names roles, kinds, statuses, reply methods and invitation statuses, then the liaison pages use the same names', () => {
    expect(liaisonPages.LIAISON_ROLE_NAMES).toEqual(liaisonContract.LIAISON_ROLE_NAMES);
    expect(liaisonPages.LIAISON_KIND_NAMES).toEqual(liaisonContract.LIAISON_KIND_NAMES);
    expect(liaisonPages.LIAISON_STATUS_NAMES).toEqual(liaisonContract.LIAISON_STATUS_NAMES);
    expect([...liaisonPages.LIAISON_REPLY_METHODS]).toEqual([
      ...liaisonContract.LIAISON_REPLY_METHODS,
    ]);
    expect(liaisonPages.LIAISON_REPLY_METHOD_NAMES).toEqual(
      liaisonContract.LIAISON_REPLY_METHOD_NAMES,
    );
    expect(liaisonPages.INVITATION_STATUS_NAMES).toEqual(liaisonContract.INVITATION_STATUS_NAMES);
  });

  test('When the contract lists the supervision matters, then the complaint form offers exactly those, in order, with the same names', () => {
    expect([...liaisonPages.SUPERVISION_MATTERS]).toEqual([...liaisonContract.SUPERVISION_MATTERS]);
    expect(liaisonPages.SUPERVISION_MATTER_NAMES).toEqual(liaisonContract.SUPERVISION_MATTER_NAMES);
  });

  test('When the contract limits names, topics, contents, replies, reasons and validity, then the liaison pages state the same limits', () => {
    expect(liaisonPages.LIAISON_LIMITS).toEqual(liaisonContract.LIAISON_LIMITS);
  });
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'miniprogram_npm' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

describe('runtime imports', () => {
  const files = tsFiles(miniprogram);

  test.each(files.map((f) => [relative(root, f), f]))(
    'When %s is packed, then every runtime import resolves inside miniprogram/',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      const runtime = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)].map(
        (m) => m[1],
      );
      for (const spec of runtime) {
        expect(spec.startsWith('.')).toBe(true); // no npm package: nothing is packed for pages
        const target = resolve(dirname(file), spec);
        expect(relative(miniprogram, target).startsWith('..')).toBe(false);
      }
    },
  );
});
