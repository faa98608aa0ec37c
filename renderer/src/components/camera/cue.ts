// The audible half of the capture cue: a short, soft tone made on the spot (no sound file: the CSP loads
// no media). The sound context is made on the click that opens the camera, as browsers only let a page
// start sound from a person's gesture.
let audio: AudioContext | null = null;

export function primeCue(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null; // no sound device: the visible cue still shows
  }
}

export function playCue(): void {
  if (!audio || audio.state !== 'running') return;
  const t = audio.currentTime;
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = 1046; // C6: clear over an office's noise without being shrill
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.2, t + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
  tone.connect(gain).connect(audio.destination);
  tone.start(t);
  tone.stop(t + 0.17);
}
