import type { TestProject } from 'vitest/node'
import { startTestDevServer } from './dev-server.ts'
import './shared-dev-server.ts'

// globalSetup of the browser project: one dev server for all its files.
export async function setup(project: TestProject) {
  const stack = await startTestDevServer()
  project.provide('devServerUrl', stack.url)
  return () => stack.stop()
}
