// Word lists the demo records are made of. Hand-written rather than a faker package: a few hundred
// records need a few hundred words, and these stay the same across library releases.

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Sofia', 'Ethan', 'Priya', 'Arjun', 'Mei', 'Wei', 'Hana', 'Kenji',
  'Fatima', 'Omar', 'Amara', 'Kwame', 'Chloé', 'André', 'Zoë', 'José', 'Renée', 'Lucas', 'Isabella', 'Mason', 'Grace',
  'Daniel', 'Leah', 'Samuel', 'Nora', 'Elijah', 'Ingrid', 'Lars', 'Aisha', 'Yusuf', 'Camila', 'Diego', 'Ana', 'Pedro',
  'Julia', 'Felix', 'Clara', 'Jonas', 'Maya', 'Caleb', 'Ruby', 'Owen', 'Layla', 'Isaac', 'Hazel', 'Leo', 'Iris', 'Jack',
  'Nadia', 'Tomás', 'Elena', 'Marco', 'Sara', 'Victor',
] as const

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Martinez', 'Nguyen', 'Chen', 'Patel', 'Kim', 'Okafor', 'Mensah', 'Müller', 'Schmidt',
  'Rossi', 'Bianchi', 'Dubois', 'Lefèvre', 'Silva', 'Santos', 'Kowalski', 'Nowak', 'Andersson', 'Johansson', 'Tanaka',
  'Sato', 'Haddad', 'Rahman', 'Cohen', 'Levi', 'Murphy', "O'Brien", 'Walsh', 'Fischer', 'Weber', 'Novak', 'Horvat',
  'Ivanova', 'Popescu', 'Costa', 'Ferreira', 'Lopez', 'Hernandez', 'Wright', 'Taylor', 'Brown', 'Davies', 'Evans',
  'Hughes', 'Clarke', 'Bennett', 'Reyes', 'Morales', 'Ortiz', 'Park', 'Choi', 'Singh', 'Kaur', 'Ali', 'Hassan',
  'Baker', 'Foster',
] as const

export const COMPANY_PREFIXES = [
  'Northwind', 'Bluefin', 'Silverline', 'Redwood', 'Brightpath', 'Ironclad', 'Harbor', 'Summit', 'Clearwater', 'Granite',
  'Lumen', 'Pinecrest', 'Copperleaf', 'Evergreen', 'Stonebridge', 'Maple', 'Orbit', 'Beacon', 'Cedar', 'Falcon',
  'Juniper', 'Keystone', 'Lighthouse', 'Meridian', 'Nimbus', 'Oakmont', 'Pioneer', 'Riverbend', 'Sterling', 'Tidewater',
  'Vantage', 'Willow', 'Zenith', 'Aspen', 'Cobalt', 'Driftwood', 'Ember', 'Foxglove', 'Helix', 'Kestrel', 'Larkspur',
  'Mosaic', 'Northstar', 'Peregrine', 'Quartz', 'Saltmarsh', 'Tandem', 'Bramble', 'Alder', 'Wildflower',
] as const

// The second word of a company name decides its industry, so "Harbor Freight" is in logistics.
export const COMPANY_KINDS = [
  { word: 'Logistics', industry: 'Logistics' },
  { word: 'Freight', industry: 'Logistics' },
  { word: 'Analytics', industry: 'Software' },
  { word: 'Software', industry: 'Software' },
  { word: 'Labs', industry: 'Software' },
  { word: 'Health', industry: 'Healthcare' },
  { word: 'Dental', industry: 'Healthcare' },
  { word: 'Foods', industry: 'Food & beverage' },
  { word: 'Coffee Roasters', industry: 'Food & beverage' },
  { word: 'Robotics', industry: 'Manufacturing' },
  { word: 'Manufacturing', industry: 'Manufacturing' },
  { word: 'Outfitters', industry: 'Retail' },
  { word: 'Apparel', industry: 'Retail' },
  { word: 'Energy', industry: 'Energy' },
  { word: 'Solar', industry: 'Energy' },
  { word: 'Media', industry: 'Media' },
  { word: 'Studios', industry: 'Media' },
  { word: 'Capital', industry: 'Financial services' },
  { word: 'Insurance', industry: 'Financial services' },
  { word: 'Builders', industry: 'Construction' },
  { word: 'Architects', industry: 'Construction' },
  { word: 'Hotels', industry: 'Hospitality' },
  { word: 'Academy', industry: 'Education' },
  { word: 'Legal', industry: 'Legal services' },
  { word: 'Consulting', industry: 'Professional services' },
] as const

export const TLDS = [
  ['com', 7],
  ['io', 2],
  ['co', 1],
] as const

// Street, city and the area code the city's phone numbers get (numbers are 555-01xx, reserved
// for fiction in North America; UK ones use Ofcom's drama range).
export const PLACES = [
  { city: 'Austin, TX', area: '512' },
  { city: 'Denver, CO', area: '303' },
  { city: 'Seattle, WA', area: '206' },
  { city: 'Boston, MA', area: '617' },
  { city: 'Chicago, IL', area: '312' },
  { city: 'San Francisco, CA', area: '415' },
  { city: 'New York, NY', area: '212' },
  { city: 'Atlanta, GA', area: '404' },
  { city: 'Portland, OR', area: '503' },
  { city: 'Toronto, ON', area: '416' },
  { city: 'London, UK', area: 'uk' },
] as const

export const STREETS = ['Main St', 'Market St', 'Harbor Blvd', 'Oak Ave', '2nd Ave', 'Mission St', 'Elm St', 'Park Rd', 'Lake Shore Dr', 'Commerce Way', 'King St', 'High St'] as const

export const CONTACT_TITLES = [
  'CEO', 'CTO', 'COO', 'VP of Sales', 'VP of Operations', 'Head of Marketing', 'Head of IT', 'Operations Manager',
  'Procurement Lead', 'Sales Director', 'Office Manager', 'Finance Manager', 'Customer Success Lead', 'Product Manager',
  'Engineering Manager', 'Founder', 'Account Director', 'Purchasing Manager',
] as const

export const TAGS = [
  { name: 'VIP', colour: 'purple' },
  { name: 'Enterprise', colour: 'blue' },
  { name: 'SMB', colour: 'teal' },
  { name: 'Partner', colour: 'green' },
  { name: 'Renewal due', colour: 'orange' },
  { name: 'At risk', colour: 'red' },
  { name: 'Hot', colour: 'pink' },
  { name: 'Newsletter', colour: 'yellow' },
] as const

export const DEAL_PRODUCTS = [
  'Annual subscription', 'Platform upgrade', 'Onboarding package', 'Team expansion', 'Pilot', 'Enterprise plan',
  'Support add-on', 'Data migration', 'Analytics module', 'Multi-year agreement', 'Renewal', 'Training workshop',
] as const

export const LOST_REASONS = ['Price too high', 'Chose a competitor', 'No budget this year', 'Went quiet', 'Timing: revisit next quarter', 'Missing integration'] as const
