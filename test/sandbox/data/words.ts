/** Word lists the generators draw from. Plain values so the data looks like a real brokerage's CRM. */
export const FIRST_NAMES = [
  'Ada', 'Marcus', 'Priya', 'Elena', 'James', 'Sofia', 'Daniel', 'Grace', 'Mateo', 'Olivia', 'Noah', 'Hannah',
  'Liam', 'Chloe', 'Ethan', 'Zoe', 'Lucas', 'Maya', 'Benjamin', 'Aisha', 'Samuel', 'Isabella', 'Kenji', 'Fatima',
  'Diego', 'Ava', 'Henry', 'Leila', 'Owen', 'Nora', 'Caleb', 'Ruby', 'Theo', 'Ivy', 'Julian', 'Mei', 'Aaron',
  'Camila', 'Tyler', 'Savannah', 'Jordan', 'Brooke', 'Andre', 'Claire', 'Wesley', 'Tessa',
] as const;

export const LAST_NAMES = [
  'Nguyen', 'Bell', 'Raman', 'Garcia', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis',
  'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Hill', 'Green', 'Adams', 'Baker', "O'Neil", 'McAllister', 'Pham', 'Okafor',
] as const;

export const CITIES = [
  { city: 'Charleston', state: 'SC', zip: '29401', area: '843' },
  { city: 'Mount Pleasant', state: 'SC', zip: '29464', area: '843' },
  { city: 'Summerville', state: 'SC', zip: '29483', area: '843' },
  { city: 'Columbia', state: 'SC', zip: '29201', area: '803' },
  { city: 'Greenville', state: 'SC', zip: '29601', area: '864' },
  { city: 'Myrtle Beach', state: 'SC', zip: '29577', area: '843' },
  { city: 'Savannah', state: 'GA', zip: '31401', area: '912' },
  { city: 'Charlotte', state: 'NC', zip: '28202', area: '704' },
  { city: 'Raleigh', state: 'NC', zip: '27601', area: '919' },
  { city: 'Wilmington', state: 'NC', zip: '28401', area: '910' },
] as const;

export const STREET_NAMES = [
  'King', 'Meeting', 'Calhoun', 'Rutledge', 'Ashley', 'Coleman', 'Palmetto', 'Magnolia', 'Oak Grove', 'Shem Creek',
  'Harbor View', 'Sea Island', 'Live Oak', 'Cypress', 'Marsh Hen', 'Tidewater', 'Indigo', 'Pine Needle',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Blvd', 'Rd', 'Ln', 'Dr', 'Ct', 'Way'] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'] as const;

export const STAGES = ['new', 'attempted_contact', 'nurture', 'active', 'under_contract', 'closed', 'archived'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_WEIGHTS: ReadonlyArray<readonly [Stage, number]> = [
  ['new', 25],
  ['attempted_contact', 18],
  ['nurture', 22],
  ['active', 15],
  ['under_contract', 6],
  ['closed', 8],
  ['archived', 6],
];

export const LEAD_TYPE_WEIGHTS = [
  ['buyer', 60],
  ['seller', 20],
  ['both', 12],
  ['renter', 8],
] as const;

export const SOURCES = [
  { name: 'Zillow', url: 'https://www.zillow.example/homedetails/' },
  { name: 'Realtor.com', url: 'https://www.realtor.example/realestateandhomes-detail/' },
  { name: 'Facebook Ads', url: 'https://facebook.example/ads/lead/' },
  { name: 'Google Ads', url: 'https://ads.google.example/lead/' },
  { name: 'Website', url: 'https://www.lowcountryhomes.example/listing/' },
  { name: 'Open House', url: null },
  { name: 'Referral', url: null },
  { name: 'Trulia', url: 'https://www.trulia.example/p/' },
] as const;

export const TAGS = [
  'first-time buyer', 'relocation', 'pre-approved', 'cash buyer', 'investor', 'downsizing', 'hot', 'VA loan',
  'luxury', 'waterfront', 'new construction', 'needs to sell first',
] as const;

export const PHONE_TYPES = ['mobile', 'home', 'work'] as const;
export const EMAIL_TYPES = ['personal', 'work'] as const;

export const EVENT_TYPES = ['registered', 'viewed_property', 'saved_search', 'favorited', 'email_opened', 'called'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const NOTE_TEMPLATES = [
  'Called, left voicemail. Will try again {day}.',
  'Spoke for 10 minutes: wants {beds} bedrooms near {city}, budget around ${price}.',
  'Pre-approved with a local lender for ${price}.',
  'Asked about school districts in {city}.',
  'Not ready until spring; moved to nurture.',
  'Toured 3 homes on {day}. Liked the one with the screened porch.',
  'Texted listing alerts; opened 4 of 5.',
  'Wants a second showing this weekend.',
  'Spouse prefers {city}; will decide after the holidays.',
  'Sent a CMA for their current home.',
] as const;

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const EMAIL_SUBJECTS = [
  'New listings matching your search', 'Price drop on a home you saved', 'Your market report for {city}',
  'Open house this Sunday', 'Just sold in your neighborhood',
] as const;

export const CALL_OUTCOMES = ['connected', 'voicemail', 'no_answer', 'wrong_number'] as const;
