@guide:harmony-outpatient-authorization
Feature: Steps 1–2 – Log in and open an Authorization Request
  "Harmony encourages you to submit outpatient authorization requests via our
  secure Web site, www.harmonyhpm.com. [...] Simply log in to
  www.harmonyhpm.com and follow the steps below."
  "Log in or create a new account using the Sign Up Here link that appears on
  the home page. Once you have logged in, you may access the Authorizations
  tool [...] From there, select the Authorization Request link."

  Where the guide is silent we chose: only a provider's user who has logged
  in, and who has replaced the temporary password with one of their own, may
  open an Authorization Request; a member's account may not. A provider's
  user gets an account through Harmony's web registration ("Sign Up Here",
  then "Register Here"); "is signed in to Harmony" below means just that:
  registered, temporary password replaced, logged in. The links that lead to
  the tool ("Submit Authorization", the Authorizations tab) all open the same
  new, empty request.

  Background:
    Given Grace Okafor is the office manager of "Riverside Family Practice", Provider ID "HP001234", ZIP code "33602", Tax ID "59-1234567"

  Rule: A provider's user who has logged in opens a new Authorization Request
    "Once you have logged in, you may access the Authorizations tool [...]
    select the Authorization Request link."

    @step:intro-1 @step:intro-3 @step:request-1 @step:request-2
    Scenario: Grace logs in and opens an Authorization Request
      Given Grace is signed in to Harmony
      When Grace opens an Authorization Request
      Then she may go on to the Requesting Provider ID
      And the portal is reached at "https://www.harmonyhpm.com"

  Rule: Nobody else may open one
    "Log in or create a new account using the Sign Up Here link"

    @step:request-1
    Scenario: Someone who has not logged in is asked to log in first
      When someone who has not logged in opens an Authorization Request
      Then they are told "Please log in first."
      And no field is singled out

    @step:request-1 @step:request-2
    Scenario: A provider's user still on the temporary password must first choose a password of her own
      Given Grace has logged on with her temporary password but not replaced it
      When Grace opens an Authorization Request
      Then she is told "Please create a password of your own first."

    @step:request-2 @step:intro-4
    Scenario: A member of the plan cannot request authorizations
      Given Marcus Bell is a member of the plan with Member ID "HH40718253", born "07-04-1979"
      And Marcus is signed in to Harmony as a member
      When Marcus opens an Authorization Request
      Then he is told "Only provider accounts can submit authorization requests. Please contact your Provider Relations representative."
