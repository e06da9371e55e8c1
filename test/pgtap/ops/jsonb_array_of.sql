-- agentic.jsonb_array_of(), the JSON shape test behind every *_shape CHECK
-- constraint: exactly arrays of the named element type; unknown types are errors;
-- NULLs, empty and huge arrays and strings. (The constraints that use it, table
-- by table: ops/constraints.sql.)
BEGIN;
SET search_path = public;
SELECT * FROM no_plan();

SELECT throws_ok($$SELECT agentic.jsonb_array_of('[]', 'integer')$$, '22023', 'unknown JSON element type "integer"',
                 'jsonb_array_of with an unknown element type is an error (22023)');
SELECT throws_ok($$SELECT agentic.jsonb_array_of('["a"]', '')$$, '22023', 'unknown JSON element type ""',
                 'jsonb_array_of with an empty element type is an error (22023)');
SELECT results_eq(
  $$SELECT agentic.jsonb_array_of(doc::jsonb, element_type)
      FROM (VALUES ('[1, 2.5, -3e2]', 'number'), ('[true, false]', 'boolean'), ('[[], [1]]', 'array'),
                   ('[{}, {"a": 1}]', 'object'), ('["a", " b "]', 'string'), ('[]', 'number'),
                   ('[1, "1"]', 'number'), ('["true"]', 'boolean'), ('[{}]', 'array'), ('[[]]', 'object'),
                   ('"a"', 'string'), ('1', 'number'), ('true', 'boolean'), ('{}', 'object'), ('[" "]', 'string'))
           AS v(doc, element_type)$$,
  ARRAY[true, true, true, true, true, true, false, false, false, false, false, false, false, false, false],
  'jsonb_array_of accepts exactly arrays of the named type');
SELECT is(agentic.jsonb_array_of(NULL, 'string'), NULL, 'jsonb_array_of is STRICT');

SELECT is(agentic.jsonb_array_of(NULL, 'string'), NULL, 'jsonb_array_of(NULL) is NULL (strict)');
SELECT is(agentic.jsonb_array_of('[]', NULL), NULL, 'jsonb_array_of(.., NULL) is NULL (strict)');
SELECT ok(agentic.jsonb_array_of('[]', 'string'), 'an empty array is an array of anything');
SELECT ok(agentic.jsonb_array_of((SELECT jsonb_agg('skill ' || i) FROM generate_series(1, 100000) i), 'string'),
  'a 100,000-element string array passes');
SELECT ok(NOT agentic.jsonb_array_of((SELECT jsonb_agg('skill ' || i) || '["   "]'::jsonb FROM generate_series(1, 100000) i), 'string'),
  'a blank string at the end of a huge array is found');
SELECT ok(agentic.jsonb_array_of(jsonb_build_array(repeat('x', 10000000)), 'string'), 'a 10 MB string element passes');
SELECT ok(NOT agentic.jsonb_array_of('"[1]"', 'number'), 'a JSON string is not an array');
SELECT ok(NOT agentic.jsonb_array_of('{"0": 1}', 'number'), 'an object is not an array');
SELECT ok(NOT agentic.jsonb_array_of('null', 'number'), 'JSON null is not an array');
SELECT ok(agentic.jsonb_array_of('[1e300, -1e-300, 0]', 'number'), 'extreme numbers are numbers');
SELECT ok(agentic.jsonb_array_of('[[1], []]', 'array') AND NOT agentic.jsonb_array_of('[[1], {}]', 'array'),
  'nested arrays are told apart from objects');
SELECT throws_ok($$SELECT agentic.jsonb_array_of('[]', '')$$, '22023', NULL, 'an empty element type is refused');
SELECT throws_ok(format($$SELECT agentic.jsonb_array_of('[]', %L)$$, repeat('x', 100000)), '22023', NULL,
  'a huge element type name is refused');

-- Blank means Unicode White_Space (since 1.3; 1.0-1.2 knew only space, tab, CR and LF)
SELECT results_eq(
  $$SELECT agentic.jsonb_array_of(jsonb_build_array(s), 'string')
      FROM (VALUES (U&'\3000'), (U&'\00A0'), (chr(12)), (chr(11)), (U&'\0085'), (U&'\1680'), (U&'\2000\200A'),
                   (U&'\2028\2029'), (U&'\202F\205F'), (U&' \3000\00A0' || E'\t\f\r\n' || chr(11)))
           AS v(s)$$,
  ARRAY[false, false, false, false, false, false, false, false, false, false],
  'a string of only Unicode White_Space (U+3000, U+00A0, form feed, vertical tab, ...) is blank');
SELECT results_eq(
  $$SELECT agentic.jsonb_array_of(jsonb_build_array(s), 'string')
      FROM (VALUES (U&'\3000x'), (U&'\200B'), (U&'\FEFF'), (U&'\00A0\00E9'), (U&'\+01F600')) AS v(s)$$,
  ARRAY[true, true, true, true, true],
  'visible characters, zero width space and BOM are not White_Space: not blank');
SELECT ok(NOT agentic.jsonb_array_of(jsonb_build_array('python', U&'\3000\3000'), 'string'),
  'one all-ideographic-space skill among real ones is found');
SELECT throws_ok(
  $$INSERT INTO agentic.job_descriptions (title, description, required_skills)
    VALUES ('Blank skill', 'a job', jsonb_build_array(U&'\3000'))$$,
  '23514', NULL, 'a job description whose skill is only U+3000 is refused by its CHECK');

SELECT * FROM finish();
ROLLBACK;
