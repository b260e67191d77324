"use strict";
/**
 * Reference data of the simulated firm "Acme Consulting": its legal entities,
 * roles and rate cards, and the words its customers and projects are named with.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.US_TAX_BP = exports.TAX_BP_BY_COUNTRY = exports.EXPENSE_KINDS = exports.MILESTONE_NAMES = exports.PROJECT_TOPICS = exports.LEGAL_FORMS = exports.COMPANY_FIELDS = exports.COMPANY_STEMS = exports.DISCOUNTS_BP = exports.COST_BASE_EUR = exports.RATE_CARD = exports.MANAGER_ROLES = exports.ROLES = exports.EUR_PER_UNIT = exports.LEGAL_ENTITIES = void 0;
exports.LEGAL_ENTITIES = [
    { id: 'LE-DE', name: 'Acme Consulting GmbH', country: 'DE', currency: 'EUR', invoicePrefix: 'DE', weight: 0.35 },
    { id: 'LE-US', name: 'Acme Consulting Inc.', country: 'US', currency: 'USD', invoicePrefix: 'US', weight: 0.3 },
    { id: 'LE-NL', name: 'Acme Consulting B.V.', country: 'NL', currency: 'EUR', invoicePrefix: 'NL', weight: 0.2 },
    { id: 'LE-UK', name: 'Acme Consulting Ltd', country: 'GB', currency: 'GBP', invoicePrefix: 'UK', weight: 0.15 },
];
/** Value of one unit of a currency in EUR: converts consultants' cost rates into project currencies. */
exports.EUR_PER_UNIT = { EUR: 1, USD: 0.92, GBP: 1.17 };
exports.ROLES = [
    ['Partner', 0.06],
    ['Principal', 0.1],
    ['Senior Consultant', 0.22],
    ['Consultant', 0.27],
    ['Analyst', 0.15],
    ['Engineer', 0.2],
];
/** Roles that manage projects and approve time. */
exports.MANAGER_ROLES = ['Partner', 'Principal', 'Senior Consultant'];
/** List bill rates per hour in cents, per currency; odd cents on purpose so that rounding matters. */
exports.RATE_CARD = {
    EUR: { Partner: 24500, Principal: 21000, 'Senior Consultant': 16745, Consultant: 12345, Analyst: 9680, Engineer: 13875 },
    USD: { Partner: 29500, Principal: 24500, 'Senior Consultant': 18995, Consultant: 14235, Analyst: 10990, Engineer: 15860 },
    GBP: { Partner: 21500, Principal: 18000, 'Senior Consultant': 14525, Consultant: 10765, Analyst: 8415, Engineer: 11990 },
};
/** Typical cost per hour in EUR cents (salary and overhead); each consultant varies around it. */
exports.COST_BASE_EUR = {
    Partner: 14000, Principal: 11500, 'Senior Consultant': 7850, Consultant: 6120, Analyst: 4475, Engineer: 6630,
};
/** Negotiated discounts off the rate card, in basis points. */
exports.DISCOUNTS_BP = [0, 0, 0, 500, 750, 1000, 1250];
exports.COMPANY_STEMS = [
    'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne', 'Hooli',
    'Vandelay', 'Wonka', 'Soylent', 'Massive Dynamic', 'Oscorp', 'Gringotts', 'Monarch', 'Pied Piper', 'Aperture',
    'Blue Sun', 'Dunder', 'Sterling', 'Bluth', 'Prestige', 'Ollivander', 'Gekko', 'Zorin', 'Duff', 'Krusty', 'Lacuna',
];
exports.COMPANY_FIELDS = [
    'Logistics', 'Bank', 'Health', 'Energy', 'Retail', 'Insurance', 'Foods', 'Media', 'Telecom', 'Pharma', 'Motors',
    'Aerospace', 'Chemicals', 'Capital', 'Mobility', 'Foundation', 'Industries', 'Labs', 'Systems', 'Airlines',
];
exports.LEGAL_FORMS = {
    DE: ['GmbH', 'AG', 'SE'],
    NL: ['B.V.', 'N.V.'],
    BE: ['NV', 'BV'],
    FR: ['SA', 'SAS'],
    US: ['Inc.', 'LLC', 'Corp.'],
    GB: ['Ltd', 'plc'],
};
exports.PROJECT_TOPICS = [
    'Data Platform', 'ERP Rollout', 'Cloud Migration', 'Pricing Strategy', 'Cyber Audit', 'CRM Implementation',
    'Supply Chain Review', 'Mobile App', 'Finance Transformation', 'AI Pilot', 'Operating Model', 'Due Diligence',
    'Integration Hub', 'Customer Portal', 'Cost Reduction', 'Analytics Managed Service', 'Security Operations',
    'Regulatory Reporting', 'Digital Workplace', 'Network Refresh',
];
exports.MILESTONE_NAMES = [
    'Discovery complete', 'Design sign-off', 'Build complete', 'User acceptance', 'Go-live', 'Hypercare complete',
];
exports.EXPENSE_KINDS = [
    { name: 'Train travel', minCents: 4_950, maxCents: 31_240, billableShare: 0.8 },
    { name: 'Flight', minCents: 18_900, maxCents: 96_420, billableShare: 0.8 },
    { name: 'Hotel', minCents: 12_900, maxCents: 48_999, billableShare: 0.8 },
    { name: 'Meals', minCents: 1_380, maxCents: 8_645, billableShare: 0.5 },
    { name: 'Software licence', minCents: 2_900, maxCents: 59_900, billableShare: 0.3 },
    { name: 'Team offsite', minCents: 35_000, maxCents: 180_000, billableShare: 0 },
];
/** Tax rates in basis points by customer country, as the billing platform's tax engine would apply them. */
exports.TAX_BP_BY_COUNTRY = { DE: 1900, NL: 2100, BE: 0, FR: 0, GB: 2000 };
/** US sales tax on services differs by state; many states charge none. */
exports.US_TAX_BP = [0, 0, 0, 625, 888];
//# sourceMappingURL=world.js.map