// The key registration form: a public key file chosen here is read into the text field (nothing is sent before
// the form is submitted); pasting the PEM works as well.
const file = document.getElementById('public-key-file');
const text = document.getElementById('public-key');

file.addEventListener('change', async () => {
  const chosen = file.files[0];
  if (chosen && chosen.size < 4096) {
    text.value = (await chosen.text()).trim();
  }
});
