/**
 * Reference data of the simulated firm "Acme Consulting": its legal entities,
 * roles and rate cards, and the words its customers and projects are named with.
 */

export interface LegalEntity {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly currency: string;
  /** Prefix of the ERP's invoice numbers, e.g. `DE-2025-000042`. */
  readonly invoicePrefix: string;
  /** Share of the customers booked in this entity. */
  readonly weight: number;
}

export const LEGAL_ENTITIES: readonly LegalEntity[] = [
  { id: 'LE-DE', name: 'Acme Consulting GmbH', country: 'DE', currency: 'EUR', invoicePrefix: 'DE', weight: 0.35 },
  { id: 'LE-US', name: 'Acme Consulting Inc.', country: 'US', currency: 'USD', invoicePrefix: 'US', weight: 0.3 },
  { id: 'LE-NL', name: 'Acme Consulting B.V.', country: 'NL', currency: 'EUR', invoicePrefix: 'NL', weight: 0.2 },
  { id: 'LE-UK', name: 'Acme Consulting Ltd', country: 'GB', currency: 'GBP', invoicePrefix: 'UK', weight: 0.15 },
];

/** Value of one unit of a currency in EUR: converts consultants' cost rates into project currencies. */
export const EUR_PER_UNIT: Readonly<Record<string, number>> = { EUR: 1, USD: 0.92, GBP: 1.17 };

export type Role = 'Partner' | 'Principal' | 'Senior Consultant' | 'Consultant' | 'Analyst' | 'Engineer';

export const ROLES: readonly (readonly [Role, number])[] = [
  ['Partner', 0.06],
  ['Principal', 0.1],
  ['Senior Consultant', 0.22],
  ['Consultant', 0.27],
  ['Analyst', 0.15],
  ['Engineer', 0.2],
];

/** Roles that manage projects and approve time. */
export const MANAGER_ROLES: readonly Role[] = ['Partner', 'Principal', 'Senior Consultant'];

/** List bill rates per hour in cents, per currency; odd cents on purpose so that rounding matters. */
export const RATE_CARD: Readonly<Record<string, Readonly<Record<Role, number>>>> = {
  EUR: { Partner: 24500, Principal: 21000, 'Senior Consultant': 16745, Consultant: 12345, Analyst: 9680, Engineer: 13875 },
  USD: { Partner: 29500, Principal: 24500, 'Senior Consultant': 18995, Consultant: 14235, Analyst: 10990, Engineer: 15860 },
  GBP: { Partner: 21500, Principal: 18000, 'Senior Consultant': 14525, Consultant: 10765, Analyst: 8415, Engineer: 11990 },
};

/** Typical cost per hour in EUR cents (salary and overhead); each consultant varies around it. */
export const COST_BASE_EUR: Readonly<Record<Role, number>> = {
  Partner: 14000, Principal: 11500, 'Senior Consultant': 7850, Consultant: 6120, Analyst: 4475, Engineer: 6630,
};

/** Negotiated discounts off the rate card, in basis points. */
export const DISCOUNTS_BP: readonly number[] = [0, 0, 0, 500, 750, 1000, 1250];

export const COMPANY_STEMS: readonly string[] = [
  'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Hooli',
  'Vandelay', 'Wonka', 'Soylent', 'Massive Dynamic', 'Oscorp', 'Gringotts', 'Monarch', 'Pied Piper', 'Aperture',
  'Blue Sun', 'Dunder', 'Sterling', 'Bluth', 'Prestige', 'Ollivander', 'Gekko', 'Zorin', 'Duff', 'Krusty', 'Lacuna',
];

export const COMPANY_FIELDS: readonly string[] = [
  'Logistics', 'Bank', 'Health', 'Energy', 'Retail', 'Insurance', 'Foods', 'Media', 'Telecom', 'Pharma', 'Motors',
  'Aerospace', 'Chemicals', 'Capital', 'Mobility', 'Foundation', 'Industries', 'Labs', 'Systems', 'Airlines',
];

export const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  DE: ['GmbH', 'AG', 'SE'],
  NL: ['B.V.', 'N.V.'],
  BE: ['NV', 'BV'],
  FR: ['SA', 'SAS'],
  US: ['Inc.', 'LLC', 'Corp.'],
  GB: ['Ltd', 'plc'],
};

export const PROJECT_TOPICS: readonly string[] = [
  'Data Platform', 'ERP Rollout', 'Cloud Migration', 'Pricing Strategy', 'Cyber Audit', 'CRM Implementation',
  'Supply Chain Review', 'Mobile App', 'Finance Transformation', 'AI Pilot', 'Operating Model', 'Due Diligence',
  'Integration Hub', 'Customer Portal', 'Cost Reduction', 'Analytics Managed Service', 'Security Operations',
  'Regulatory Reporting', 'Digital Workplace', 'Network Refresh',
];

export const MILESTONE_NAMES: readonly string[] = [
  'Discovery complete', 'Design sign-off', 'Build complete', 'User acceptance', 'Go-live', 'Hypercare complete',
];

export const EXPENSE_KINDS: readonly {
  readonly name: string; readonly minCents: number; readonly maxCents: number; readonly billableShare: number;
}[] = [
  { name: 'Train travel', minCents: 4_950, maxCents: 31_240, billableShare: 0.8 },
  { name: 'Flight', minCents: 18_900, maxCents: 96_420, billableShare: 0.8 },
  { name: 'Hotel', minCents: 12_900, maxCents: 48_999, billableShare: 0.8 },
  { name: 'Meals', minCents: 1_380, maxCents: 8_645, billableShare: 0.5 },
  { name: 'Software licence', minCents: 2_900, maxCents: 59_900, billableShare: 0.3 },
  { name: 'Team offsite', minCents: 35_000, maxCents: 180_000, billableShare: 0 },
];

/** Tax rates in basis points by customer country, as the billing platform's tax engine would apply them. */
export const TAX_BP_BY_COUNTRY: Readonly<Record<string, number>> = { DE: 1900, NL: 2100, BE: 0, FR: 0, GB: 2000 };

/** US sales tax on services differs by state; many states charge none. */
export const US_TAX_BP: readonly number[] = [0, 0, 0, 625, 888];
