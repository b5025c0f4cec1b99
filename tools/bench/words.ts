// The words the benchmark's million records are made of: the demo seed's lists, widened so that a
// million people do not share a few thousand names (about 25 people per first+last name at 1M, as
// in a real customer base), and companies unique by name and domain.
import { COMPANY_KINDS, COMPANY_PREFIXES, CONTACT_TITLES, DEAL_PRODUCTS, FIRST_NAMES, LAST_NAMES, LOST_REASONS } from '../dev/seed/names.ts'

export const FIRST = [
  ...FIRST_NAMES,
  ...['John', 'James', 'Mary', 'Michael', 'Robert', 'Patricia', 'Jennifer', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen'],
  ...['Christopher', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Margaret', 'Donald', 'Sandra', 'Steven', 'Ashley', 'Paul', 'Kimberly', 'Andrew', 'Emily', 'Joshua', 'Donna', 'Kenneth', 'Michelle'],
  ...['Kevin', 'Carol', 'Brian', 'Amanda', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Edward', 'Rebecca', 'Jason', 'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia', 'Jacob', 'Kathleen'],
  ...['Gary', 'Amy', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Anna', 'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Katherine', 'Brandon', 'Samantha', 'Benjamin', 'Christine'],
  ...['Frank', 'Catherine', 'Gregory', 'Virginia', 'Raymond', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Janet', 'Jérôme', 'Søren', 'Björn', 'Łukasz', 'Ngozi', 'Chidi', 'Yuki', 'Haruto', 'Ji-woo', 'Seo-yeon'],
  ...['Rohan', 'Ananya', 'Vikram', 'Deepa', 'Ahmed', 'Layla', 'Mustafa', 'Zeynep', 'Emre', 'Dmitri', 'Olga', 'Sven', 'Astrid', 'Henrik', 'Freya', 'Mateus', 'Beatriz', 'Rafael', 'Lucía', 'Javier'],
  ...['Giulia', 'Lorenzo', 'Francesca', 'Matteo', 'Élodie', 'Théo', 'Manon', 'Hugo', 'Aoife', 'Cian', 'Siobhan', 'Declan', 'Tariq', 'Samira', 'Kofi', 'Abena', 'Thandiwe', 'Sipho', 'Mariana', 'Andrés'],
] as const

export const LAST = [
  ...LAST_NAMES,
  ...['Williams', 'Jones', 'Miller', 'Davis', 'Rodriguez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis'],
  ...['Robinson', 'Walker', 'Young', 'Allen', 'King', 'Scott', 'Torres', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Campbell', 'Parker', 'Edwards', 'Collins'],
  ...['Stewart', 'Morris', 'Rogers', 'Reed', 'Cook', 'Morgan', 'Bell', 'Cooper', 'Richardson', 'Cox', 'Howard', 'Ward', 'Peterson', 'Gray', 'Ramos', 'James', 'Watson', 'Brooks', 'Kelly', 'Sanders'],
  ...['Price', 'Wood', 'Barnes', 'Ross', 'Henderson', 'Coleman', 'Jenkins', 'Perry', 'Powell', 'Long', 'Patterson', 'Washington', 'Butler', 'Simmons', 'Gonzales', 'Bryant', 'Alexander', 'Russell', 'Griffin', 'Diaz'],
  ...['Hayes', 'Myers', 'Ford', 'Hamilton', 'Graham', 'Sullivan', 'Wallace', 'Woods', 'Cole', 'West', 'Jordan', 'Owens', 'Reynolds', 'Fisher', 'Ellis', 'Harrison', 'Gibson', 'McDonald', 'Cruz', 'Marshall'],
  ...['Yamamoto', 'Watanabe', 'Suzuki', 'Takahashi', 'Lim', 'Tan', 'Wong', 'Huang', 'Zhang', 'Liu', 'Sharma', 'Gupta', 'Iyer', 'Reddy', 'Mehta', 'Yilmaz', 'Demir', 'Kaya', 'Petrov', 'Sokolova'],
  ...['Larsen', 'Nielsen', 'Hansen', 'Berg', 'Lindqvist', 'Virtanen', 'Korhonen', 'Moreau', 'Laurent', 'Girard', 'Romano', 'Ricci', 'Marino', 'Greco', 'Oliveira', 'Pereira', 'Alves', 'Adeyemi', 'Okonkwo', 'Nkosi'],
] as const

// "Harbor Ridge Logistics": prefix, landmark, kind; a company's industry comes with its kind.
export const PREFIXES = [
  ...COMPANY_PREFIXES,
  ...['Atlas', 'Bright', 'Crescent', 'Delta', 'Eagle', 'Frontier', 'Golden', 'Horizon', 'Indigo', 'Jade', 'Kingfisher', 'Liberty', 'Magnolia', 'Noble', 'Olympus', 'Polaris', 'Radiant', 'Sapphire', 'Trinity', 'Unity'],
  ...['Vertex', 'Westwind', 'Yellowstone', 'Apex', 'Blue Sky', 'Canyon', 'Dawn', 'Echo', 'First Light', 'Glacier', 'Highland', 'Island', 'Lakeside', 'Mountain', 'North Coast', 'Ocean', 'Prairie', 'Red Rock', 'Sierra', 'True North'],
] as const
export const LANDMARKS = [
  'Ridge', 'Point', 'Valley', 'Creek', 'Park', 'Hill', 'Stone', 'Field', 'Lake', 'Rock', 'Bay', 'Harbor', 'Grove', 'Bridge', 'Gate', 'Peak', 'Meadow', 'Forest', 'River', 'Springs',
  'Crossing', 'Landing', 'Hollow', 'Heights', 'Shore', 'Mill', 'Trail', 'Summit', 'Haven', 'Vista', 'Brook', 'Canyon', 'Cove', 'Dale', 'Falls', 'Glen', 'Island', 'Junction', 'Knoll', 'Marsh',
  'Oaks', 'Pines', 'Plains', 'Ranch', 'Sands', 'Terrace', 'Tower', 'Vale', 'Wharf', 'Woods', 'Arch', 'Beacon', 'Castle', 'Dunes', 'Fjord', 'Garden', 'Lagoon', 'Mesa', 'Orchard', 'Quarry',
] as const
export const KINDS = COMPANY_KINDS
// A second company of the same name elsewhere gets one of these.
export const SUFFIXES = ['', 'Group', 'Partners', 'Holdings', 'International', 'Collective', 'Works', 'Solutions', 'Co', 'Associates'] as const

export const FREEMAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'hotmail.com'] as const
export const TLDS = ['com', 'com', 'com', 'com', 'com', 'com', 'com', 'io', 'io', 'co'] as const

// Real North American area codes, so every number is a valid one to libphonenumber.
export const AREA_CODES = [
  '212', '213', '206', '214', '303', '305', '312', '313', '404', '410', '412', '415', '416', '503', '512', '602', '604', '608', '612', '615',
  '617', '619', '646', '702', '704', '713', '718', '720', '801', '804', '813', '858', '904', '917', '919', '925', '949', '971', '972', '978',
] as const
export const CITIES = ['Austin, TX', 'Denver, CO', 'Seattle, WA', 'Boston, MA', 'Chicago, IL', 'San Francisco, CA', 'New York, NY', 'Atlanta, GA', 'Portland, OR', 'Toronto, ON', 'London, UK', 'Miami, FL'] as const
export const STREETS = ['Main St', 'Market St', 'Harbor Blvd', 'Oak Ave', '2nd Ave', 'Mission St', 'Elm St', 'Park Rd', 'Lake Shore Dr', 'Commerce Way', 'King St', 'High St'] as const
export const SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const
export const SOURCES = ['web form', 'web form', 'web form', 'referral', 'referral', 'event', 'cold outreach', 'webinar', 'partner', 'paid search'] as const
export const TITLES = CONTACT_TITLES
export const PRODUCTS = DEAL_PRODUCTS
export const LOSSES = LOST_REASONS
export const ACTIVITY_SUBJECTS = ['Intro call', 'Follow-up call', 'Sent pricing', 'Demo', 'Quarterly review', 'Contract questions', 'Onboarding check-in', 'Renewal chat', 'Sent case study', 'Discovery meeting'] as const
export const NOTE_EXCERPTS = ['Asked for a proposal by end of month.', 'Budget approved for next quarter.', 'Wants to see the reporting features.', 'Prefers email over calls.', 'Evaluating two other vendors.', 'Champion is the VP of Sales.'] as const

// "Zoë O'Brien" → "zoeobrien": what goes into an email's local part or a domain.
export const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
