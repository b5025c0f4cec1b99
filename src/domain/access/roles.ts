// The four roles of a workspace member, from most to least powerful.
export const ROLES = ['admin', 'manager', 'rep', 'support'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  rep: 'Sales rep',
  support: 'Support',
}
