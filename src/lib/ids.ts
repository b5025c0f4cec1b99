import { v7 } from 'uuid'

// UUIDv7: time-ordered, so new rows land at the right edge of the primary-key index and keyset
// pagination by id follows creation order.
export const newId = (): string => v7()
