// `${steps.<id>.<name>}`: how a value captured by an earlier smoke step is referred to.
import { asStepReference, replaceStepReferences, stepReferences } from '../../src/model/step-reference.js'

describe('step references', () => {
  test('are found in order, with the id and the name apart', () => {
    expect(stepReferences('Bearer ${steps.sign-in.token} for ${steps.create_doc.id}')).toEqual([
      { id: 'sign-in', name: 'token' },
      { id: 'create_doc', name: 'id' }
    ])
  })

  test('keep a name that holds dots or dashes whole; the id ends at the first dot', () => {
    expect(stepReferences('${steps.login.x-request.id}')).toEqual([{ id: 'login', name: 'x-request.id' }])
  })

  test('are found even when misspelt, so that the loader can report them', () => {
    expect(stepReferences('${steps..token} ${steps.login.}')).toEqual([
      { id: '', name: 'token' },
      { id: 'login', name: '' }
    ])
    expect(stepReferences('${steps.login} ${STEPS_LOGIN_TOKEN} $steps.login.token')).toEqual([])
  })

  test('a whole reference is recognised; text around it makes it no reference', () => {
    expect(asStepReference('${steps.login.token}')).toEqual({ id: 'login', name: 'token' })
    expect(asStepReference('Bearer ${steps.login.token}')).toBeUndefined()
    expect(asStepReference('${steps.login.token}!')).toBeUndefined()
    expect(asStepReference('${steps.a.b}${steps.c.d}')).toBeUndefined()
    expect(asStepReference('${steps..token}')).toEqual({ id: '', name: 'token' })
  })

  test('are replaced by what the lookup gives for each id and name, the rest of the text kept', () => {
    const captured: Record<string, Record<string, string>> = {
      login: { token: 'tok-1' },
      upload: { id: '42' }
    }
    expect(
      replaceStepReferences(
        '/docs/${steps.upload.id}?auth=${steps.login.token}&again=${steps.upload.id}',
        ({ id, name }) => captured[id]?.[name] ?? '?'
      )
    ).toBe('/docs/42?auth=tok-1&again=42')
  })

  test('replacing twice in a row gives the same result: no state is kept between calls', () => {
    const lookup = ({ id, name }: { id: string; name: string }) => `${id}:${name}`
    expect(replaceStepReferences('${steps.a.b}', lookup)).toBe('a:b')
    expect(replaceStepReferences('${steps.a.b}', lookup)).toBe('a:b')
  })
})
