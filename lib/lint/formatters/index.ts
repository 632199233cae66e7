import type { Formatter } from './format.js'
import { github } from './github.js'
import { json } from './json.js'
import { sarif } from './sarif.js'
import { stylish } from './stylish.js'

export const formatters: Record<string, Formatter> = { stylish, json, github, sarif }
export const formatterNames = Object.keys(formatters)
