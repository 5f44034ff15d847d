@guide:hpp-interoperability-member-portal
Feature: Registering as a personal representative
  A non-member acting for a member registers with the Personal Representative
  ID the plan issued for them: the same sign-up, choosing "Non-member, on
  behalf of a member" and giving that ID instead of a Member ID.

  The guide does not say how the ID is checked: the plan must have issued it,
  to a representative of the same name, for a member; the account then acts
  for that member. HPP Personal Representative IDs are taken to be "PR" and 8
  digits. The ID is never stored as typed, only as a keyed hash.

  Background:
    Given Jane Doe is a member of the plan with Member ID "HP12345678", born "03-14-1985"
    And the plan issued Personal Representative ID "PR00001234" to Adam Cohen to act for member "HP12345678"

  Rule: The member and the representative first obtain a Personal Representative ID

    @step:representative-1 @step:representative-2 @step:representative-3 @step:representative-4 @step:representative-5
    Scenario: Adam registers on Jane's behalf
      Given Adam has verified his e-mail address for sign-up
      When Adam creates an account on behalf of a member with his Personal Representative ID
      Then Adam has an active account acting for member "HP12345678"

    @step:representative-1
    Scenario: An ID the plan never issued is refused
      Given Adam has verified his e-mail address for sign-up
      When Adam creates an account on behalf of a member with Personal Representative ID "PR99999999"
      Then he is told "We could not verify this Personal Representative ID." for the Personal Representative ID
      And no account is created for Adam

    @step:representative-1
    Scenario: An ID issued to someone else is refused
      Given Maria has verified her e-mail address for sign-up
      When Maria creates an account on behalf of a member with Personal Representative ID "PR00001234"
      Then she is told "We could not verify this Personal Representative ID." for the Personal Representative ID

  Rule: "Non-member, on behalf of a member" needs the Personal Representative ID

    @step:representative-4
    Scenario: The Personal Representative ID is required
      Given Adam has verified his e-mail address for sign-up
      When Adam creates an account on behalf of a member without a Personal Representative ID
      Then he is told "This information is required." for the Personal Representative ID

    @step:representative-4
    Scenario: An ID in the wrong format is refused
      Given Adam has verified his e-mail address for sign-up
      When Adam creates an account on behalf of a member with Personal Representative ID "HP12345678"
      Then he is told "Please enter a valid Personal Representative ID." for the Personal Representative ID

  Rule: The representative signs in like anyone else

    @step:representative-2 @step:login-2
    Scenario: Adam signs in after registering
      Given Adam has verified his e-mail address for sign-up
      And Adam creates an account on behalf of a member with his Personal Representative ID
      When Adam signs in with his username and password
      Then he is signed in to the Interoperability Member Access Portal
