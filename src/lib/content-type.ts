// application/json, with or without parameters (charset): the one body type the API reads.
export const isJson = (contentType: string | undefined): boolean => /^application\/json\s*(;|$)/i.test(contentType ?? '')
