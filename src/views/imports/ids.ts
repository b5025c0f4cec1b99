// The import page's one swappable region: htmx swaps the mapping form's answer into it, and while a
// run goes on it polls for itself.
export const IMPORT_VIEW_ID = 'import-view'
