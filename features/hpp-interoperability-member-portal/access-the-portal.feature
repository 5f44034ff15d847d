@guide:hpp-interoperability-member-portal
Feature: Reaching the Interoperability Resource Center
  Members reach HPP's Interoperability Resource Center from a web browser and
  sign in there; people without an account are offered a way to sign up.

  Rule: The guide gives the portal's address and the browsers it recommends

    @step:access-1
    Scenario: The guide recommends three browsers
      Then the recommended browsers are "Google Chrome, Microsoft Edge and Safari"

    @step:access-2
    Scenario: The portal lives at the member-portal login address
      Then the portal is reached at "https://memberportal.healthpartnersplans.com/member-portal/login"

  Rule: The Login button leads to a sign-in page that also offers sign-up

    @step:login-1 @step:login-2
    Scenario: The sign-in page asks for a username and password
      Then the sign-in page asks for "Username" and "Password"
      And the sign-in page offers "Sign in"

    @step:login-3 @step:representative-3
    Scenario: A visitor without an account finds "Sign up now" below "Sign in"
      Then the sign-in page offers "Sign up now"
      And "Sign in" comes before "Sign up now" on the sign-in page

    @step:reset-1 @step:reset-2
    Scenario: The sign-in page links to "Forgot your password?"
      Then the sign-in page offers "Forgot your password?"
