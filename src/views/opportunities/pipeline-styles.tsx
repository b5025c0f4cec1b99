import { jsx } from '../jsx'
// The board's and pipeline settings' own stylesheet, linked only from the pages that use it
// (a body <link rel="stylesheet"> is valid HTML), so other pages do not download it.
export const PipelineStyles = () => <link rel="stylesheet" href="/css/pipelines.css" />
