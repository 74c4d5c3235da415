package intent

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/planprat/planprat/internal/text"
)

// phrasing is one message and what Parse must make of it. Empty fields are
// not checked; lang "none" and target "∅" ask for an empty value.
type phrasing struct {
	in       string
	kind     Kind
	lang     string
	target   string
	body     string
	dur      time.Duration
	until    time.Weekday
	untilSet bool
	off      bool
	every    time.Duration
}

// phrasings are written the way people write: typos, missing accents, caps,
// emoji, greetings in front, bokmål, nynorsk and English.
var phrasings = map[string]phrasing{
	"next/nb/plain":                  {in: "hva skjer nå", kind: Next, lang: "nb"},
	"next/nb/no-accent":              {in: "hva skjer na", kind: Next, lang: "nb"},
	"next/nb/question-caps":          {in: "HVA SKJER NÅ???", kind: Next, lang: "nb"},
	"next/nb/greeting-prefix":        {in: "hei! hva skjer nå?", kind: Next, lang: "nb"},
	"next/nb/fremover":               {in: "hva skjer fremover", kind: Next, lang: "nb"},
	"next/nb/neste-mote":             {in: "når er neste møte?", kind: Next},
	"next/nb/neste-mote-typo":        {in: "nar er nest mote", kind: Next},
	"next/nb/skjer-typo":             {in: "hva skjeer nå", kind: Next, lang: "nb"},
	"next/nb/hva-na":                 {in: "hva nå?", kind: Next, lang: "nb"},
	"next/nb/emoji":                  {in: "hva skjer nå 🙂", kind: Next, lang: "nb"},
	"next/nb/long":                   {in: "hei, kan du si meg hva som skjer videre med Emma?", kind: Next, lang: "nb"},
	"next/nb/venter":                 {in: "hva venter vi på nå", kind: Next, lang: "nb"},
	"next/nb/neste-avtale":           {in: "neste avtale?", kind: Next},
	"next/nb/kalender":               {in: "hva står i kalenderen fremover", kind: Next, lang: "nb"},
	"next/nb/planlagt":               {in: "hva er planlagt", kind: Next, lang: "nb"},
	"next/nn/plain":                  {in: "kva skjer no", kind: Next, lang: "nn"},
	"next/nn/vidare":                 {in: "kva skjer vidare?", kind: Next, lang: "nn"},
	"next/nn/framover":               {in: "Kva skjer framover", kind: Next, lang: "nn"},
	"next/nn/neste-mote":             {in: "kva tid er neste møte", kind: Next, lang: "nn"},
	"next/en/plain":                  {in: "what happens next", kind: Next, lang: "en"},
	"next/en/caps":                   {in: "What happens next?", kind: Next, lang: "en"},
	"next/en/coming-up":              {in: "what's coming up", kind: Next, lang: "en"},
	"next/en/apostrophe":             {in: "whats coming up??", kind: Next, lang: "en"},
	"next/en/appointments":           {in: "any appointments soon", kind: Next, lang: "en"},
	"next/en/next-meeting":           {in: "when is the next meeting", kind: Next, lang: "en"},
	"next/en/typo":                   {in: "wat happends next", kind: Next, lang: "en"},
	"next/en/upcoming":               {in: "upcoming appointments please", kind: Next, lang: "en"},
	"whatsnew/nb/plain":              {in: "hva er nytt", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/noe":                {in: "noe nytt?", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/endret":             {in: "hva har endret seg", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/siden-sist":         {in: "hva har skjedd siden sist?", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/endringer":          {in: "Endringer i planen?", kind: WhatsNew},
	"whatsnew/nb/typo":               {in: "hva er nyt", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/greeting":           {in: "Hei hei! Noe nytt i planen til Emma?", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/nyheter":            {in: "nyheter?", kind: WhatsNew},
	"whatsnew/nn/plain":              {in: "kva er nytt", kind: WhatsNew, lang: "nn"},
	"whatsnew/nn/noko":               {in: "noko nytt sidan sist?", kind: WhatsNew, lang: "nn"},
	"whatsnew/nn/endra":              {in: "kva har endra seg", kind: WhatsNew, lang: "nn"},
	"whatsnew/en/changed":            {in: "what has changed", kind: WhatsNew, lang: "en"},
	"whatsnew/en/updates":            {in: "any updates?", kind: WhatsNew, lang: "en"},
	"whatsnew/en/new":                {in: "What's new?", kind: WhatsNew, lang: "en"},
	"whatsnew/en/anything":           {in: "anything new since last time", kind: WhatsNew, lang: "en"},
	"whatsnew/en/changes":            {in: "changes lately?", kind: WhatsNew, lang: "en"},
	"stale/nb/utdatert":              {in: "hvilke deler er utdatert", kind: Stale, lang: "nb"},
	"stale/nb/ikke-oppdatert":        {in: "hva er ikke oppdatert", kind: Stale, lang: "nb"},
	"stale/nb/oppsummering":          {in: "oppsummering før møtet", kind: Stale},
	"stale/nb/oppsummering-noaccent": {in: "oppsummering for motet takk", kind: Stale},
	"stale/nb/typo":                  {in: "hvilke deler er utdatet?", kind: Stale, lang: "nb"},
	"stale/nb/trenger":               {in: "hva trenger oppdatering", kind: Stale, lang: "nb"},
	"stale/nb/mangler":               {in: "hva mangler i planen", kind: Stale, lang: "nb"},
	"stale/nb/gammelt":               {in: "hva er gammelt", kind: Stale, lang: "nb"},
	"stale/nn/gammalt":               {in: "kva er gammalt", kind: Stale, lang: "nn"},
	"stale/nn/ikkje":                 {in: "kva er ikkje oppdatert?", kind: Stale, lang: "nn"},
	"stale/nn/samandrag":             {in: "samandrag før møtet", kind: Stale},
	"stale/en/summary":               {in: "summary of stale sections", kind: Stale, lang: "en"},
	"stale/en/out-of-date":           {in: "what's out of date", kind: Stale, lang: "en"},
	"stale/en/outdated":              {in: "which parts are outdated?", kind: Stale, lang: "en"},
	"stale/en/overdue":               {in: "anything overdue", kind: Stale, lang: "en"},
	"stale/en/not-updated":           {in: "what has not been updated", kind: Stale, lang: "en"},
	"update/nb/colon":                {in: "oppdater fysioterapi: Trening to ganger i uka.", kind: Update, target: "fysioterapi", body: "Trening to ganger i uka."},
	"update/nb/min-del":              {in: "jeg vil oppdatere min del", kind: Update, lang: "nb", target: "∅"},
	"update/nb/skole-delen":          {in: "endre skole-delen", kind: Update, target: "skole"},
	"update/nb/newline":              {in: "oppdater skolen\nEmma har fått ny assistent fra mandag.", kind: Update, target: "skolen", body: "Emma har fått ny assistent fra mandag."},
	"update/nb/typo":                 {in: "opdatere fysioterapi", kind: Update, target: "fysioterapi"},
	"update/nb/body-keeps-case":      {in: "Oppdater Avlastning: Ny avtale – HUSK 10:30 😊", kind: Update, target: "Avlastning", body: "Ny avtale – HUSK 10:30 😊"},
	"update/nb/section-colon":        {in: "fysioterapi: ny tekst her", kind: Update, target: "fysioterapi", body: "ny tekst her"},
	"update/nb/legg-til":             {in: "legg til i målene: sykle uten støttehjul", kind: Update, target: "målene", body: "sykle uten støttehjul"},
	"update/nb/rediger":              {in: "rediger delen om avlastning", kind: Update, target: "avlastning"},
	"update/nn/eg-vil":               {in: "eg vil oppdatere", kind: Update, lang: "nn", target: "∅"},
	"update/nn/mi-del":               {in: "eg vil endre mi del", kind: Update, lang: "nn", target: "∅"},
	"update/nn/colon":                {in: "oppdatera skulen: Ny plan for hausten", kind: Update, target: "skulen", body: "Ny plan for hausten"},
	"update/en/my-part":              {in: "I want to update my part", kind: Update, lang: "en", target: "∅"},
	"update/en/colon":                {in: "update physio: New exercises twice a week", kind: Update, lang: "en", target: "physio", body: "New exercises twice a week"},
	"update/en/change":               {in: "change the school section", kind: Update, lang: "en", target: "school"},
	"update/en/edit":                 {in: "edit goals", kind: Update, target: "goals"},
	"update/en/typo":                 {in: "i wanna updte my section", kind: Update, lang: "en", target: "∅"},
	"nochange/nb/ingen-endring":      {in: "ingen endring", kind: NoChange, lang: "nb"},
	"nochange/nb/ingenting-nytt":     {in: "ingenting nytt fra meg", kind: NoChange, lang: "nb"},
	"nochange/nb/fortsatt":           {in: "fortsatt riktig", kind: NoChange},
	"nochange/nb/alt-stemmer":        {in: "alt stemmer", kind: NoChange},
	"nochange/nb/caps":               {in: "Ingen endringer!", kind: NoChange, lang: "nb"},
	"nochange/nb/ikke-noe-nytt":      {in: "ikke noe nytt her", kind: NoChange, lang: "nb"},
	"nochange/nb/uendret":            {in: "uendret 👍", kind: NoChange},
	"nochange/nb/typo":               {in: "ingen endrng", kind: NoChange, lang: "nb"},
	"nochange/nn/uendra":             {in: "uendra", kind: NoChange, lang: "nn"},
	"nochange/nn/framleis":           {in: "framleis rett", kind: NoChange},
	"nochange/nn/ikkje":              {in: "ikkje noko nytt frå meg", kind: NoChange, lang: "nn"},
	"nochange/en/no-change":          {in: "no change", kind: NoChange, lang: "en"},
	"nochange/en/still":              {in: "still correct", kind: NoChange, lang: "en"},
	"nochange/en/nothing-new":        {in: "nothing new", kind: NoChange, lang: "en"},
	"nochange/en/sentence":           {in: "Nothing has changed, it's all still correct.", kind: NoChange, lang: "en"},
	"nochange/en/up-to-date":         {in: "it's up to date", kind: NoChange, lang: "en"},
	"showplan/nb/vis":                {in: "vis planen", kind: ShowPlan},
	"showplan/nb/hele":               {in: "Kan du vise hele planen?", kind: ShowPlan},
	"showplan/nn/heile":              {in: "vis heile planen", kind: ShowPlan},
	"showplan/en/show":               {in: "show the plan", kind: ShowPlan, lang: "en"},
	"showplan/en/whole":              {in: "Show me our whole plan please", kind: ShowPlan, lang: "en"},
	"showsection/nb/vis":             {in: "vis fysioterapi", kind: ShowSection, target: "fysioterapi"},
	"showsection/nb/star":            {in: "hva står det om skolen", kind: ShowSection, lang: "nb", target: "skolen"},
	"showsection/nb/noaccent":        {in: "hva star det om avlastning?", kind: ShowSection, lang: "nb", target: "avlastning"},
	"showsection/nn/star":            {in: "kva står det om skulen", kind: ShowSection, lang: "nn", target: "skulen"},
	"showsection/en/physio":          {in: "show the physio section", kind: ShowSection, lang: "en", target: "physio"},
	"showsection/en/say":             {in: "what does the school part say?", kind: ShowSection, lang: "en", target: "school"},
	"participants/nb/plain":          {in: "hvem er med", kind: Participants, lang: "nb"},
	"participants/nb/caps":           {in: "Hvem er med i planen?", kind: Participants, lang: "nb"},
	"participants/nb/typo":           {in: "hvm er med?", kind: Participants},
	"participants/nb/koordinator":    {in: "hvem er koordinator", kind: Participants, lang: "nb"},
	"participants/nb/deltakere":      {in: "deltakere", kind: Participants},
	"participants/nn/plain":          {in: "kven er med", kind: Participants, lang: "nn"},
	"participants/nn/deltek":         {in: "kven deltek?", kind: Participants, lang: "nn"},
	"participants/en/team":           {in: "who is on the team", kind: Participants, lang: "en"},
	"participants/en/takes-part":     {in: "who takes part?", kind: Participants, lang: "en"},
	"participants/en/participants":   {in: "list participants", kind: Participants, lang: "en"},
	"audit/nb/sett":                  {in: "hvem har sett planen", kind: Audit, lang: "nb"},
	"audit/nb/typo":                  {in: "hvm har set planen", kind: Audit},
	"audit/nb/lest":                  {in: "hvem har lest", kind: Audit, lang: "nb"},
	"audit/nb/noaccent-caps":         {in: "HVEM HAR SETT PLANEN TIL EMMA", kind: Audit, lang: "nb"},
	"audit/nb/logg":                  {in: "tilgangslogg", kind: Audit},
	"audit/nb/vaert-inne":            {in: "hvem har vært inne i planen?", kind: Audit, lang: "nb"},
	"audit/nn/sett":                  {in: "kven har sett planen", kind: Audit, lang: "nn"},
	"audit/nn/lese":                  {in: "kven har lese planen vår?", kind: Audit, lang: "nn"},
	"audit/en/looked":                {in: "who has looked at our plan", kind: Audit, lang: "en"},
	"audit/en/log":                   {in: "access log", kind: Audit, lang: "en"},
	"audit/en/seen":                  {in: "who's seen it?", kind: Audit, lang: "en"},
	"help/nb/hjelp":                  {in: "hjelp", kind: Help},
	"help/nb/hva-kan-du":             {in: "hva kan du", kind: Help, lang: "nb"},
	"help/nb/hjelp-emoji":            {in: "hjelp!! 😅", kind: Help},
	"help/nb/hvordan":                {in: "hvordan bruker jeg deg?", kind: Help, lang: "nb"},
	"help/nn/kva-kan-du":             {in: "kva kan du", kind: Help, lang: "nn"},
	"help/nn/korleis":                {in: "korleis verkar dette?", kind: Help, lang: "nn"},
	"help/en/help":                   {in: "help", kind: Help, lang: "en"},
	"help/en/what-can":               {in: "What can you do?", kind: Help, lang: "en"},
	"help/en/qmark":                  {in: "?", kind: Help},
	"help/en/commands":               {in: "commands", kind: Help, lang: "en"},
	"yes/nb/ja":                      {in: "ja", kind: Yes, lang: "none"},
	"yes/nb/jepp":                    {in: "jepp", kind: Yes, lang: "none"},
	"yes/nb/lagre":                   {in: "lagre", kind: Yes, lang: "none"},
	"yes/nb/ok":                      {in: "ok", kind: Yes, lang: "none"},
	"yes/nb/stemmer":                 {in: "stemmer", kind: Yes, lang: "none"},
	"yes/nb/ja-takk":                 {in: "ja takk", kind: Yes},
	"yes/nb/ok-lagre":                {in: "OK, lagre det", kind: Yes},
	"yes/nb/jaa":                     {in: "jaa!", kind: Yes},
	"yes/en/yes":                     {in: "yes", kind: Yes, lang: "en"},
	"yes/en/yep":                     {in: "yep", kind: Yes, lang: "en"},
	"yes/en/save":                    {in: "save", kind: Yes, lang: "en"},
	"yes/en/sure":                    {in: "sure", kind: Yes, lang: "en"},
	"yes/en/yes-please":              {in: "Yes please!", kind: Yes, lang: "en"},
	"no/nb/nei":                      {in: "nei", kind: No, lang: "none"},
	"no/nb/avbryt":                   {in: "avbryt", kind: No},
	"no/nb/glem":                     {in: "glem det", kind: No},
	"no/nb/nei-takk":                 {in: "nei takk", kind: No},
	"no/nb/ikke-lagre":               {in: "nei, ikke lagre", kind: No},
	"no/nn/avbrot":                   {in: "avbrot", kind: No},
	"no/en/cancel":                   {in: "cancel", kind: No, lang: "en"},
	"no/en/no":                       {in: "no", kind: No},
	"no/en/stop":                     {in: "stop", kind: No, lang: "en"},
	"no/en/nevermind":                {in: "never mind", kind: No, lang: "en"},
	"undo/nb/angre":                  {in: "angre", kind: Undo},
	"undo/nb/angre-siste":            {in: "angre siste", kind: Undo},
	"undo/nb/gjor-om":                {in: "gjør om", kind: Undo},
	"undo/nb/typo":                   {in: "angr siste endring", kind: Undo},
	"undo/nb/caps":                   {in: "ANGRE!!", kind: Undo},
	"undo/nn/angra":                  {in: "eg vil angra", kind: Undo, lang: "nn"},
	"undo/en/undo":                   {in: "undo", kind: Undo, lang: "en"},
	"undo/en/revert":                 {in: "revert", kind: Undo, lang: "en"},
	"undo/en/sentence":               {in: "please undo my last change", kind: Undo, lang: "en"},
	"notmine/nb/oppgave":             {in: "ikke min oppgave", kind: NotMine, lang: "nb"},
	"notmine/nb/meg":                 {in: "det er ikke meg", kind: NotMine, lang: "nb"},
	"notmine/nb/feil-person":         {in: "feil person", kind: NotMine},
	"notmine/nb/ansvar":              {in: "dette er ikke mitt ansvar", kind: NotMine, lang: "nb"},
	"notmine/nn/oppgave":             {in: "ikkje mi oppgåve", kind: NotMine, lang: "nn"},
	"notmine/nn/noaccent":            {in: "ikkje mi oppgave", kind: NotMine, lang: "nn"},
	"notmine/en/task":                {in: "not my task", kind: NotMine, lang: "en"},
	"notmine/en/wrong":               {in: "wrong person", kind: NotMine, lang: "en"},
	"notmine/en/job":                 {in: "that's not my job", kind: NotMine, lang: "en"},
	"snooze/nb/uke":                  {in: "snooze 1 uke", kind: Snooze, dur: 168 * time.Hour},
	"snooze/nb/mandag":               {in: "minn meg på mandag", kind: Snooze, until: time.Monday, untilSet: true},
	"snooze/nb/om-to-dager":          {in: "om to dager", kind: Snooze, dur: 48 * time.Hour},
	"snooze/nb/neste-uke":            {in: "neste uke", kind: Snooze, dur: 168 * time.Hour},
	"snooze/nb/utsett":               {in: "utsett til fredag", kind: Snooze, until: time.Friday, untilSet: true},
	"snooze/nb/imorgen":              {in: "minn meg på det i morgen", kind: Snooze, dur: 24 * time.Hour},
	"snooze/nb/tre-dager":            {in: "snooze tre dager", kind: Snooze, dur: 72 * time.Hour},
	"snooze/nb/glued":                {in: "snooze 3d", kind: Snooze, dur: 72 * time.Hour},
	"snooze/nn/maandag":              {in: "minn meg på måndag", kind: Snooze, until: time.Monday, untilSet: true},
	"snooze/nn/veke":                 {in: "utsett ei veke", kind: Snooze, dur: 168 * time.Hour},
	"snooze/en/days":                 {in: "in 3 days", kind: Snooze, lang: "en", dur: 72 * time.Hour},
	"snooze/en/remind-me":            {in: "remind me on thursday", kind: Snooze, lang: "en", until: time.Thursday, untilSet: true},
	"snooze/en/week":                 {in: "snooze for a week", kind: Snooze, lang: "en", dur: 168 * time.Hour},
	"snooze/en/two-weeks":            {in: "remind me in two weeks", kind: Snooze, lang: "en", dur: 336 * time.Hour},
	"snooze/en/later":                {in: "not now, later", kind: Snooze, lang: "en"},
	"remind/nb/skolen":               {in: "send påminnelse til skolen", kind: Remind, lang: "nb", target: "skolen"},
	"remind/nb/purr":                 {in: "purr på fysioterapeuten", kind: Remind, target: "fysioterapeuten"},
	"remind/nb/noaccent":             {in: "send paminnelse til Kari", kind: Remind, target: "Kari"},
	"remind/nb/purre":                {in: "kan du purre på legen?", kind: Remind, target: "legen"},
	"remind/nn/paminning":            {in: "send påminning til skulen", kind: Remind, target: "skulen"},
	"remind/en/school":               {in: "remind the school", kind: Remind, lang: "en", target: "school"},
	"remind/en/nudge":                {in: "nudge the physio please", kind: Remind, lang: "en", target: "physio"},
	"notices/nb/av":                  {in: "slå av varsler", kind: Notices, lang: "nb", off: true},
	"notices/nb/noaccent":            {in: "sla av varsler", kind: Notices, lang: "nb", off: true},
	"notices/nb/uka":                 {in: "varsle meg en gang i uka", kind: Notices, lang: "nb", every: 168 * time.Hour},
	"notices/nb/ukentlig":            {in: "ukentlig", kind: Notices, every: 168 * time.Hour},
	"notices/nb/daglig":              {in: "daglig", kind: Notices, every: 24 * time.Hour},
	"notices/nb/hver-dag":            {in: "varsler hver dag takk", kind: Notices, every: 24 * time.Hour},
	"notices/nb/ingen":               {in: "ingen flere varsler", kind: Notices, lang: "nb", off: true},
	"notices/nn/veke":                {in: "varsle meg ein gong i veka", kind: Notices, lang: "nn", every: 168 * time.Hour},
	"notices/nn/dagleg":              {in: "dagleg varsling", kind: Notices, lang: "nn", every: 24 * time.Hour},
	"notices/en/stop":                {in: "stop notifications", kind: Notices, lang: "en", off: true},
	"notices/en/weekly":              {in: "weekly updates please", kind: Notices, lang: "en", every: 168 * time.Hour},
	"notices/en/daily":               {in: "daily notifications", kind: Notices, lang: "en", every: 24 * time.Hour},
	"notices/en/mute":                {in: "mute notifications", kind: Notices, lang: "en", off: true},
	"greeting/nb/hei":                {in: "hei", kind: Greeting},
	"greeting/nb/hallo":              {in: "hallo!", kind: Greeting},
	"greeting/nb/god-morgen":         {in: "god morgen", kind: Greeting},
	"greeting/nb/heisann":            {in: "Heisann 👋", kind: Greeting},
	"greeting/en/hello":              {in: "hello", kind: Greeting, lang: "en"},
	"greeting/en/hi":                 {in: "hi", kind: Greeting, lang: "en"},
	"greeting/en/good-morning":       {in: "Good morning!", kind: Greeting, lang: "en"},
	"thanks/nb/takk":                 {in: "takk", kind: Thanks},
	"thanks/nb/tusen":                {in: "tusen takk", kind: Thanks},
	"thanks/nb/hjelpen":              {in: "takk for hjelpen!", kind: Thanks},
	"thanks/en/thanks":               {in: "thanks", kind: Thanks, lang: "en"},
	"thanks/en/thank-you":            {in: "thank you so much 🙏", kind: Thanks, lang: "en"},
	"next/nb/fysio-kommer":           {in: "Hei, når kommer fysioterapeuten neste gang?", kind: Next, lang: "nb"},
	"next/nb/skal-skje":              {in: "hva skal skje med Emma denne uka", kind: Next, lang: "nb"},
	"next/nn/emma":                   {in: "kva skjer med Emma no", kind: Next, lang: "nn"},
	"next/en/plan-for-week":          {in: "What's the plan for next week?", kind: Next, lang: "en"},
	"whatsnew/nb/siden-i-gar":        {in: "har det skjedd noe nytt siden i går", kind: WhatsNew, lang: "nb"},
	"whatsnew/nn/skjedd":             {in: "kva har skjedd sidan sist", kind: WhatsNew, lang: "nn"},
	"whatsnew/en/tell-me":            {in: "tell me what changed since last time", kind: WhatsNew, lang: "en"},
	"stale/nb/oversikt":              {in: "kan jeg få en oversikt over hva som ikke er oppdatert", kind: Stale, lang: "nb"},
	"stale/nb/ansvarsgruppemote":     {in: "lag en oppsummering til ansvarsgruppemøtet", kind: Stale},
	"update/nb/teksten":              {in: "jeg må endre teksten om skolen", kind: Update, lang: "nb", target: "skolen"},
	"update/nb/skrive-inn":           {in: "kan jeg skrive inn noe nytt om fysioterapien", kind: Update, lang: "nb", target: "fysioterapien"},
	"update/en/school-colon":         {in: "please update the school section: Emma now has an assistant", kind: Update, lang: "en", target: "school", body: "Emma now has an assistant"},
	"nochange/nb/som-for":            {in: "alt er som før", kind: NoChange},
	"nochange/nb/stemmer-fortsatt":   {in: "det stemmer fortsatt", kind: NoChange},
	"nochange/nb/ingen-nye":          {in: "ingen nye endringer fra fysio", kind: NoChange, lang: "nb"},
	"nochange/en/nothing-to-add":     {in: "I have nothing new to add", kind: NoChange, lang: "en"},
	"nochange/en/accurate":           {in: "It's all still accurate", kind: NoChange, lang: "en"},
	"participants/nb/ansvarsgruppa":  {in: "Hvem sitter i ansvarsgruppa?", kind: Participants, lang: "nb"},
	"participants/nb/koordinatoren":  {in: "hvem er koordinatoren vår", kind: Participants, lang: "nb"},
	"participants/en/group":          {in: "who is in the group", kind: Participants, lang: "en"},
	"participants/en/can-see":        {in: "Who can see our plan?", kind: Participants, lang: "en"},
	"audit/nb/kikket":                {in: "Hvem har kikket på planen til Emma?", kind: Audit, lang: "nb"},
	"audit/nb/apnet":                 {in: "Hvem har åpnet planen?", kind: Audit, lang: "nb"},
	"audit/nn/vore-inne":             {in: "kven har vore inne i planen", kind: Audit, lang: "nn"},
	"help/nb/skjonner":               {in: "Jeg skjønner ikke hvordan dette funker", kind: Help, lang: "nb"},
	"help/nb/sporre":                 {in: "hva kan jeg spørre om", kind: Help, lang: "nb"},
	"help/nn/treng":                  {in: "eg treng hjelp", kind: Help, lang: "nn"},
	"help/en/dont-understand":        {in: "I don't understand", kind: Help, lang: "en"},
	"help/en/ask":                    {in: "what can I ask you", kind: Help, lang: "en"},
	"yes/nb/riktig":                  {in: "ja, det er riktig", kind: Yes},
	"yes/nb/ser-bra-ut":              {in: "ja det ser bra ut", kind: Yes},
	"no/nb/feil":                     {in: "nei, det er feil", kind: No},
	"no/nb/vent":                     {in: "nei vent", kind: No},
	"undo/nb/nettopp":                {in: "angre det jeg nettopp gjorde", kind: Undo, lang: "nb"},
	"undo/nb/fjern":                  {in: "fjern siste endring", kind: Undo},
	"undo/en/old-version":            {in: "go back to the old version", kind: Undo, lang: "en"},
	"notmine/nb/gjelder":             {in: "dette gjelder ikke meg", kind: NotMine, lang: "nb"},
	"notmine/nb/ansvar2":             {in: "jeg har ikke ansvar for dette", kind: NotMine, lang: "nb"},
	"notmine/nn/bord":                {in: "ikkje mitt bord", kind: NotMine, lang: "nn"},
	"notmine/en/for-me":              {in: "that's not for me", kind: NotMine, lang: "en"},
	"snooze/nb/spor-igjen":           {in: "spør meg igjen neste uke", kind: Snooze, lang: "nb", dur: 168 * time.Hour},
	"snooze/nb/fredag":               {in: "minn meg på det på fredag", kind: Snooze, until: time.Friday, untilSet: true},
	"snooze/nn/ei-veke":              {in: "kan du minne meg på det om ei veke", kind: Snooze, lang: "nn", dur: 168 * time.Hour},
	"snooze/en/tomorrow":             {in: "remind me tomorrow", kind: Snooze, lang: "en", dur: 24 * time.Hour},
	"remind/nb/fastlegen":            {in: "send en påminnelse til fastlegen", kind: Remind, lang: "nb", target: "fastlegen"},
	"remind/nb/mase":                 {in: "kan du mase litt på PPT", kind: Remind, target: "PPT"},
	"remind/en/gp":                   {in: "send a reminder to the GP", kind: Remind, lang: "en", target: "GP"},
	"notices/nb/faerre":              {in: "jeg vil ha færre varsler", kind: Notices, lang: "nb"},
	"notices/nb/ikke-send":           {in: "ikke send meg flere meldinger", kind: Notices, lang: "nb", off: true},
	"notices/nb/uken":                {in: "varsle meg bare en gang i uken", kind: Notices, lang: "nb", every: 168 * time.Hour},
	"notices/en/fewer":               {in: "I'd like fewer notifications", kind: Notices, lang: "en"},
	"notices/en/once":                {in: "notifications once a week please", kind: Notices, lang: "en", every: 168 * time.Hour},
	"notices/en/turn-off":            {in: "turn off notifications", kind: Notices, lang: "en", off: true},
	"showplan/en/could":              {in: "Could you show me the plan?", kind: ShowPlan, lang: "en"},
	"showsection/en/about":           {in: "What does the plan say about physiotherapy?", kind: ShowSection, lang: "en", target: "physiotherapy"},
	"greeting/nb/kveld":              {in: "god kveld", kind: Greeting},
	"thanks/nb/skal-du-ha":           {in: "takk skal du ha", kind: Thanks},
	"next/nn/neste-som-skjer":        {in: "kva er det neste som skjer", kind: Next, lang: "nn"},
	"next/nb/motes":                  {in: "når skal vi møtes igjen", kind: Next, lang: "nb"},
	"whatsnew/nb/noen-endret":        {in: "har noen endret noe i planen?", kind: WhatsNew, lang: "nb"},
	"whatsnew/nb/gjort-endringer":    {in: "er det gjort endringer", kind: WhatsNew, lang: "nb"},
	"whatsnew/nn/er-endra":           {in: "kva er endra", kind: WhatsNew, lang: "nn"},
	"whatsnew/en/typo":               {in: "whta is new", kind: WhatsNew, lang: "en"},
	"stale/nb/status":                {in: "Hva er status på planen", kind: Stale, lang: "nb"},
	"stale/nb/hvem-ikke":             {in: "hvem har ikke oppdatert delen sin", kind: Stale, lang: "nb"},
	"stale/nb/torsdag":               {in: "gi meg en oversikt før møtet på torsdag", kind: Stale, lang: "nb"},
	"update/nn/fysio-delen":          {in: "eg vil skrive nytt i fysioterapi-delen", kind: Update, lang: "nn", target: "fysioterapi"},
	"update/nn/teksten-min":          {in: "kan eg endre teksten min", kind: Update, lang: "nn", target: "∅"},
	"update/nb/typo-colon":           {in: "opdater fysio: ny tekst", kind: Update, target: "fysio", body: "ny tekst"},
	"update/en/doctor":               {in: "can I edit the doctor part", kind: Update, lang: "en", target: "doctor"},
	"nochange/nn/endringar":          {in: "ingen endringar frå meg", kind: NoChange, lang: "nn"},
	"nochange/nn/alt-framleis":       {in: "alt er framleis rett", kind: NoChange, lang: "nn"},
	"nochange/nn/me-har":             {in: "me har ikkje noko nytt", kind: NoChange, lang: "nn"},
	"nochange/en/my-side":            {in: "nothing changed on my side", kind: NoChange, lang: "en"},
	"participants/nn/koordinator":    {in: "kven er koordinator", kind: Participants, lang: "nn"},
	"audit/nn/tilgang":               {in: "kven har tilgang til planen", kind: Audit, lang: "nn"},
	"audit/nb/typos":                 {in: "hvem har set plnaen", kind: Audit, lang: "nb"},
	"help/nn/bruker":                 {in: "korleis bruker eg denne", kind: Help, lang: "nn"},
	"yes/nb/ja-lagre":                {in: "ja lagre", kind: Yes},
	"yes/nb/send-det":                {in: "jepp, send det", kind: Yes, lang: "none"},
	"yes/en/correct":                 {in: "That's correct", kind: Yes, lang: "en"},
	"yes/en/save-it":                 {in: "ok save it", kind: Yes, lang: "en"},
	"no/nb/avbryt-takk":              {in: "nei takk, avbryt", kind: No},
	"no/nn/ikkje-lagre":              {in: "ikkje lagre", kind: No, lang: "nn"},
	"no/en/nah":                      {in: "nah", kind: No},
	"no/en/cancel-that":              {in: "cancel that", kind: No, lang: "en"},
	"undo/nn/endringa":               {in: "angre endringa", kind: Undo},
	"undo/en/please":                 {in: "undo that please", kind: Undo, lang: "en"},
	"notmine/nn/ansvaret":            {in: "det er ikkje eg som har ansvaret", kind: NotMine, lang: "nn"},
	"notmine/en/isnt":                {in: "this isn't my responsibility", kind: NotMine, lang: "en"},
	"snooze/nn/neste-veke":           {in: "utsett til neste veke", kind: Snooze, lang: "nn", dur: 168 * time.Hour},
	"snooze/nn/morgon":               {in: "minn meg på det i morgon", kind: Snooze, lang: "nn", dur: 24 * time.Hour},
	"snooze/en/until-monday":         {in: "snooze until monday", kind: Snooze, lang: "en", until: time.Monday, untilSet: true},
	"snooze/en/ask-again":            {in: "ask me again in 2 days", kind: Snooze, lang: "en", dur: 48 * time.Hour},
	"remind/nn/fastlegen":            {in: "send påminning til fastlegen", kind: Remind, lang: "nn", target: "fastlegen"},
	"remind/en/chase":                {in: "please chase the school", kind: Remind, lang: "en", target: "school"},
	"notices/nb/varslinga":           {in: "slå av varslinga", kind: Notices, off: true},
	"notices/nn/kvar-dag":            {in: "eg vil ha varsel kvar dag", kind: Notices, lang: "nn", every: 24 * time.Hour},
	"notices/en/only-weekly":         {in: "only notify me weekly", kind: Notices, lang: "en", every: 168 * time.Hour},
	"notices/en/no-more":             {in: "no more notifications", kind: Notices, lang: "en", off: true},
	"greeting/nb/hallo-emoji":        {in: "hallo 👋", kind: Greeting},
	"greeting/en/hey-there":          {in: "hey there", kind: Greeting, lang: "en"},
	"thanks/nn/hjelpa":               {in: "tusen takk for hjelpa", kind: Thanks},
	"thanks/nb/det-var-alt":          {in: "takk, det var alt", kind: Thanks},
	"thanks/en/cheers":               {in: "cheers mate", kind: Thanks, lang: "en"},
	"showplan/en/everything":         {in: "show me everything", kind: ShowPlan, lang: "en"},
	"showsection/en/goals":           {in: "show me the goals", kind: ShowSection, lang: "en", target: "goals"},
	"showsection/en/respite":         {in: "what does it say about respite care", kind: ShowSection, lang: "en", target: "respite care"},
	"next/en/typo2":                  {in: "what happen next", kind: Next, lang: "en"},
	"next/nb/kort":                   {in: "Hva skjer?", kind: Next, lang: "nb"},
	"whatsnew/nb/kort":               {in: "nytt?", kind: WhatsNew},
	"participants/en/in-the-plan":    {in: "who is in the plan?", kind: Participants, lang: "en"},
	"participants/en/part-of":        {in: "Who is part of Emma's plan?", kind: Participants, lang: "en"},
	"showplan/en/see":                {in: "can I see the plan", kind: ShowPlan, lang: "en"},
	"showplan/nb/se":                 {in: "kan jeg se planen?", kind: ShowPlan, lang: "nb"},
}

func TestParse(t *testing.T) {
	if len(phrasings) < 170 {
		t.Fatalf("only %d phrasings", len(phrasings))
	}
	for name, tc := range phrasings {
		t.Run(name, func(t *testing.T) {
			r := Parse(tc.in)
			if r.Kind != tc.kind {
				t.Fatalf("Parse(%q).Kind = %q (sure %v, alternatives %v), want %q", tc.in, r.Kind, r.Sure, r.Alternatives, tc.kind)
			}
			if !r.Sure {
				t.Errorf("Parse(%q) not sure; alternatives %v", tc.in, r.Alternatives)
			}
			switch tc.lang {
			case "":
			case "none":
				if r.Lang != "" {
					t.Errorf("Parse(%q).Lang = %q, want none", tc.in, r.Lang)
				}
			default:
				if r.Lang != text.Lang(tc.lang) {
					t.Errorf("Parse(%q).Lang = %q, want %q", tc.in, r.Lang, tc.lang)
				}
			}
			switch tc.target {
			case "":
			case "∅":
				if r.Target != "" {
					t.Errorf("Parse(%q).Target = %q, want empty", tc.in, r.Target)
				}
			default:
				if r.Target != tc.target {
					t.Errorf("Parse(%q).Target = %q, want %q", tc.in, r.Target, tc.target)
				}
			}
			if tc.body != "" && r.Body != tc.body {
				t.Errorf("Parse(%q).Body = %q, want %q", tc.in, r.Body, tc.body)
			}
			if tc.kind != Update && r.Body != "" {
				t.Errorf("Parse(%q).Body = %q, want none", tc.in, r.Body)
			}
			if tc.dur != 0 && r.For != tc.dur {
				t.Errorf("Parse(%q).For = %v, want %v", tc.in, r.For, tc.dur)
			}
			if tc.untilSet && (!r.UntilSet || r.Until != tc.until) {
				t.Errorf("Parse(%q).Until = %v/%v, want %v", tc.in, r.Until, r.UntilSet, tc.until)
			}
			if tc.kind == Notices && (r.Off != tc.off || r.Every != tc.every) {
				t.Errorf("Parse(%q) Off/Every = %v/%v, want %v/%v", tc.in, r.Off, r.Every, tc.off, tc.every)
			}
		})
	}
}

// TestParseUnsure: messages that could mean several things come back
// unsure, with the likely kinds to ask about.
func TestParseUnsure(t *testing.T) {
	tests := map[string]struct {
		in   string
		best Kind
		alts []Kind // each must be among the alternatives
	}{
		"bare hvem":        {"hvem?", Participants, []Kind{Participants, Audit}},
		"bare who":         {"who", Participants, []Kind{Participants, Audit}},
		"hvem har":         {"hvem har", Participants, []Kind{Participants, Audit}},
		"bare vis":         {"vis", ShowPlan, []Kind{ShowPlan, ShowSection}},
		"oppdatering":      {"oppdatering?", "", []Kind{Update, WhatsNew}},
		"endring":          {"endring", "", []Kind{Update, WhatsNew}},
		"endre varsler":    {"endre varsler", "", []Kind{Update, Notices}},
		"bare planen":      {"planen", ShowPlan, []Kind{ShowPlan}},
		"bare neste":       {"neste", Next, []Kind{Next}},
		"bare status":      {"status", Stale, []Kind{Stale}},
		"ja men hvem":      {"hvem da", Participants, []Kind{Participants, Audit}},
		"hjelp og varsler": {"hjelp med varsler", "", []Kind{Help, Notices}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := Parse(tc.in)
			if r.Sure {
				t.Fatalf("Parse(%q) = %q, sure; want unsure", tc.in, r.Kind)
			}
			if tc.best != "" && r.Kind != tc.best {
				t.Errorf("Parse(%q).Kind = %q, want %q", tc.in, r.Kind, tc.best)
			}
			if len(r.Alternatives) == 0 || len(r.Alternatives) > 3 || r.Alternatives[0] != r.Kind {
				t.Errorf("Parse(%q).Alternatives = %v: want 1–3 kinds, best first", tc.in, r.Alternatives)
			}
			for _, k := range tc.alts {
				found := false
				for _, a := range r.Alternatives {
					found = found || a == k
				}
				if !found {
					t.Errorf("Parse(%q).Alternatives = %v, want %q among them", tc.in, r.Alternatives, k)
				}
			}
		})
	}
}

// TestParseGibberish: what is no request at all is Unknown.
func TestParseGibberish(t *testing.T) {
	for _, in := range []string{
		"", "   ", "asdf", "qwerty uiop", "lorem ipsum dolor sit amet", "blablabla", "xyz", "123",
		"katten min er grønn", "hvor er bilen", "what is the weather", "🙂🙂", "...", "\x00\x01\x02",
		"\xff\xfe\xfd", "zzzzzzzzzzzzzzzzzzzzzzzz", "kjøpe melk og brød", "the quick brown fox",
	} {
		r := Parse(in)
		if r.Kind != Unknown || r.Sure {
			t.Errorf("Parse(%q) = %q (sure %v), want Unknown", in, r.Kind, r.Sure)
		}
	}
}

// TestParseBodyVerbatim: the text of an update comes back exactly as
// written (only cut at its ends), and words in it do not change the kind.
func TestParseBodyVerbatim(t *testing.T) {
	body := "Hva skjer nå? Ingen endring i\nøvelsene, men NYTT: «hopp» 3×/uke ✅"
	r := Parse("oppdater fysioterapi:  " + body + "\n")
	if r.Kind != Update || r.Target != "fysioterapi" || r.Body != body {
		t.Fatalf("got %q target %q body %q", r.Kind, r.Target, r.Body)
	}
	// A colon after a question is punctuation, not an update.
	if r := Parse("hei: hva skjer nå?"); r.Kind != Next || r.Body != "" {
		t.Errorf("hei: hva skjer nå? → %q body %q", r.Kind, r.Body)
	}
}

func TestParseUnknownTarget(t *testing.T) {
	if r := Parse("skolen"); r.Kind != Unknown || r.Target != "skolen" {
		t.Errorf("Parse(skolen) = %q target %q; want Unknown with target", r.Kind, r.Target)
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"Hva skjer NÅ?!":       "hva skjer na",
		"hva   skjer\tna":      "hva skjer na",
		"Møte på fredag 🙂":     "mote pa fredag",
		"Blåbær-syltetøy":      "blabaer syltetoy",
		"paa":                  "pa",
		"what's up":            "whats up",
		"e\u0301":              "e", // decomposed é
		"bad\xffbytes\x00here": "bad bytes here",
		"Ærlig talt, Åse":      "aerlig talt ase",
		"\u202eRTL\u200b":      "rtl",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"hvem", "hvm", 1}, {"sett", "set", 1}, {"oppdatere", "opdaterre", 2}, {"ab", "ba", 1},
		{"skjer", "skjer", 0}, {"kva", "hva", 1}, {"utdatert", "utdatet", 1}, {"abc", "xyz", 3},
	}
	for _, tc := range tests {
		if got := distance(tc.a, tc.b, 3); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range phrasings {
		f.Add(tc.in)
	}
	f.Add("oppdater x:\xff\xfe body")
	f.Add(strings.Repeat("hva skjer nå ", 500))
	f.Add("snooze 999999999999 dager")
	f.Fuzz(func(t *testing.T, msg string) {
		r := Parse(msg)
		if !utf8.ValidString(r.Body) || !utf8.ValidString(r.Target) {
			t.Fatalf("invalid UTF-8 out of %q: body %q target %q", msg, r.Body, r.Target)
		}
		if len(r.Alternatives) > 3 {
			t.Fatalf("too many alternatives: %v", r.Alternatives)
		}
		Match(msg, []string{"Fysioterapi", msg, ""})
	})
}

func BenchmarkParse(b *testing.B) {
	var msgs []string
	for _, tc := range phrasings {
		msgs = append(msgs, tc.in)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Parse(msgs[i%len(msgs)])
	}
}
