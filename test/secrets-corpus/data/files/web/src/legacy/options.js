// Option parsing of the legacy CLI: credential words inside ordinary identifiers.
const passport = require('passport');
const { Tokenizer } = require('./tokenizer');

class Options {
  constructor(passThrough, tokens) {
    this._passThroughOptions = !!passThrough;
    this.tokenizer = new Tokenizer(tokens);
    this.secretary = passport.authenticate(this.strategyName);
    this.bypassTokenCheck = process.argv.includes('--no-verify');
  }
}

const keyPressHandler = (event) => event.key === 'Enter';
const passwordInput = document.querySelector('input[type="password"]');
const tokenCount = text.split(/\s+/).length;

module.exports = { Options, keyPressHandler, passwordInput, tokenCount };
