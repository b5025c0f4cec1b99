import { normaliseDomain } from '../records/normalise'

// Mailbox providers whose domain says nothing about where a person works: jane@gmail.com is not
// evidence of a company called gmail.com, and matching accounts on it would merge strangers.
const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com', 'aol.com'])
// GMX runs one domain per country (gmx.de, gmx.net, gmx.at, ...).
const FREE_MAIL_PATTERN = /^gmx\.[a-z.]+$/

export const isFreeMail = (domain: string): boolean => FREE_MAIL.has(domain) || FREE_MAIL_PATTERN.test(domain)

// The company's domain, which conversion matches existing accounts on: the website's when the
// lead has one, else the email's unless that is a free-mail address.
export function companyDomainOf(website: string | null | undefined, email: string | null | undefined): string | null {
  const fromSite = website ? normaliseDomain(website) : null
  if (fromSite) return fromSite
  const fromEmail = email ? normaliseDomain(email) : null
  return fromEmail && !isFreeMail(fromEmail) ? fromEmail : null
}
